// zlib, for reading gzip-compressed IDX (MNIST) files.
#include <zlib.h>
