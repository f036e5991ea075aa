import CGSL
import Testing

/// GSL is reachable through the `CGSL` system-library target. (OpenBLAS is tested in its own target: the
/// two libraries' CBLAS headers must never meet in one module.)
@Suite("GSL links and computes")
struct GSLLinkTests {
    @Test("vectors, error strings, and status codes instead of aborts with the handler off")
    func gsl() {
        gsl_set_error_handler_off()
        let vector = gsl_vector_alloc(3)!
        defer { gsl_vector_free(vector) }
        for (index, value) in [2.0, -7.5, 4.0].enumerated() { gsl_vector_set(vector, index, value) }
        #expect(gsl_vector_max(vector) == 4)
        #expect(gsl_vector_min_index(vector) == 1)
        #expect(String(cString: gsl_strerror(Int32(GSL_EDOM))) == "input domain error")
        let status = gsl_vector_swap_elements(vector, 0, 5)
        #expect(status == Int32(GSL_EINVAL))
    }
}
