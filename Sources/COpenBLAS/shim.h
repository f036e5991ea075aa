// OpenBLAS's CBLAS interface. Never include GSL's gsl_cblas.h here: the two declare the same names.
#include <cblas.h>
