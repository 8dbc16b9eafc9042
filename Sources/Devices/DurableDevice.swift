/// A device whose medium holds written data in memory until it is flushed
/// (disk volumes): whoever runs the machine flushes it when a device goes
/// away and closes it when the machine is powered off, so that the files
/// are left the way other tools (Hercules' cckdcdsk) expect.
public protocol DurableDevice: AnyObject {
    /// Makes every write the device acknowledged durable.
    func flush() throws
    /// Flushes and releases the medium; the device is unusable afterwards.
    func close() throws
}

extension CKDDasd: DurableDevice {}
