// GSL headers used by SwiftKAN. Never include OpenBLAS's cblas.h here: it clashes with gsl_cblas.h.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>

// GSL's method descriptors are global variables, which Swift 6 refuses to read as shared mutable state;
// these accessors hand them out as constants.
static inline const gsl_multifit_nlinear_trs *swiftkan_trs_lm(void) { return gsl_multifit_nlinear_trs_lm; }
static inline const gsl_multifit_nlinear_type *swiftkan_trust(void) { return gsl_multifit_nlinear_trust; }
static inline const gsl_multifit_nlinear_solver *swiftkan_solver_cholesky(void) { return gsl_multifit_nlinear_solver_cholesky; }
