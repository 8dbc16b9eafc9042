import Glibc

/// Every session holds a socket (plus, later, volume files); the usual soft
/// limit of 1024 descriptors would cap the number of users long before memory
/// or CPU do. Raises the soft limit to the hard one.
enum FileLimits {
    /// Returns the soft limit now in force, or nil if it could not be read.
    @discardableResult
    static func raiseDescriptorLimit() -> UInt64? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return UInt64(raised.rlim_cur) }
        }
        return UInt64(limit.rlim_cur)
    }
}
