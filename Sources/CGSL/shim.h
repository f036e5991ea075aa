// GSL headers used by SwiftKAN. Never include OpenBLAS's cblas.h here: it clashes with gsl_cblas.h.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_sf_bessel.h>
