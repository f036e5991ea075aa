/// A fixed-length array on the heap that kernels read and write through a plain pointer, with no
/// `withUnsafe...` closure around them: the evaluator's per-layer caches and the sparse view's tables. Zeroed
/// when made and freed with its last reference; staying inside `0..<count` is the caller's job, as with any
/// pointer.
final class HeapBuffer<Element: Numeric & BitwiseCopyable> {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    /// `count` zeros.
    init(zeros count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: count)
    }

    /// A copy of `array`.
    init(_ array: [Element]) {
        count = array.count
        pointer = .allocate(capacity: max(count, 1))
        _ = UnsafeMutableBufferPointer(start: pointer, count: count).initialize(from: array)
    }

    deinit { pointer.deallocate() }

    subscript(index: Int) -> Element { pointer[index] }

    /// `buffer` when it holds at least `count` elements (its contents kept), else `count` zeros: an array that
    /// only grows, reused from pass to pass.
    static func atLeast(_ count: Int, reusing buffer: HeapBuffer) -> HeapBuffer {
        buffer.count >= count ? buffer : HeapBuffer(zeros: count)
    }
}
