/// A device whose medium holds written data in memory until it is flushed
/// (disk volumes): whoever runs the machine flushes it when the machine
/// stops or the device goes away.
public protocol DurableDevice: AnyObject {
    /// Makes every write the device acknowledged durable.
    func flush() throws
}

extension CKDDasd: DurableDevice {}
