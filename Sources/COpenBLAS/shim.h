// OpenBLAS's dgemm, through its Fortran entry point `dgemm_`, declared under a name of our own.
//
// cblas.h and the symbol cblas_dgemm are both avoided. GSL's gsl_matrix.h pulls in gsl_cblas.h, whose CBLAS
// enums and functions clash with OpenBLAS's cblas.h wherever one Swift module sees both. And every program that
// uses GSL also loads libgslcblas (libgsl needs it), which defines the whole CBLAS again: which cblas_dgemm a call
// reaches depends on the order the dynamic linker met the libraries, and in the kan executable it was GSL's
// slow reference loop. dgemm_ is defined by OpenBLAS alone. It is column-major and takes every argument by
// address; `MLPModel` maps its row-major products onto it.
#ifndef SWIFTKAN_COPENBLAS_H
#define SWIFTKAN_COPENBLAS_H

extern void swiftkan_dgemm(const char *transA, const char *transB, const int *m, const int *n, const int *k,
                           const double *alpha, const double *a, const int *lda, const double *b, const int *ldb,
                           const double *beta, double *c, const int *ldc) __asm__("dgemm_");

// How many threads OpenBLAS's own calls use (`matrixProduct` sets one and runs bands of rows on its pool).
extern void openblas_set_num_threads(int count);

// Stops OpenBLAS's thread server: its threads, started when the library loads, spin between calls (`OpenBLASThreads`).
// Its Fortran-style name, declared under one of our own.
extern int swiftkan_openblas_stop_threads(void) __asm__("blas_thread_shutdown_");
// Whether that server runs (non-zero) or was stopped; read by the tests.
extern int blas_server_avail;
static inline int swiftkan_openblas_server_running(void) { return blas_server_avail; }
// How many threads OpenBLAS's own calls use.
extern int openblas_get_num_threads(void);

#endif
