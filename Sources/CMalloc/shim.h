// glibc's malloc tuning (mallopt), which Swift's Glibc module does not export; part of libc, nothing to link.
#include <malloc.h>
