internal import CMalloc

/// Keeps memory a pass frees in the process for the next pass, instead of returning it to the system.
///
/// A pass allocates its result arrays anew (the gradient, each layer's outputs, the loss's gradient: 1.6 MB, 0.8 MB
/// and 0.8 MB for a `[100,100,100]` network on 1,024 rows). glibc serves such blocks with their own mappings or
/// trims them off its heap when they are freed, so the next pass takes a page fault on every 4 KiB page it writes:
/// 1.2 ms of a 15 ms pass, a tenth. Here blocks up to `mappingThreshold` come from the heap, and freed memory is
/// returned to the system only when more than `trimThreshold` of it lies at the top of one of glibc's heaps (it
/// keeps a few, for threads that allocate at once). Larger blocks (a big batch's basis) are still mapped and
/// unmapped. The setting is the process's, made once, before the first pass; 8 MiB for both did as well on that
/// pass.
public enum FreedMemory {
    /// The block size from which glibc maps a block of its own (its default: 128 KiB, raised as mapped blocks are
    /// freed, to at most 32 MiB).
    static let mappingThreshold: Int32 = 16 << 20
    /// The free memory at the heap's top above which glibc returns it (its default: 128 KiB, or twice the mapping
    /// threshold once that has moved).
    static let trimThreshold: Int32 = 16 << 20

    /// Applies the thresholds; true when glibc accepted both. Evaluated once.
    public static let kept: Bool =
        mallopt(M_MMAP_THRESHOLD, mappingThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, trimThreshold) == 1
}
