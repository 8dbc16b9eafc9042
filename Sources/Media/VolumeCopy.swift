extension DASDImage {
    /// Copies every track of `source` into a new volume at `destination`
    /// of the same model and size, in `format` (CKD to CCKD, CCKD to CKD,
    /// or a recompression). `progress` is called with (tracks done, total).
    @discardableResult
    public static func copy(_ source: DASDVolume, to destination: String, format: VolumeFormat, replace: Bool = false,
                            fileSystem: VolumeFileSystem = HostFileSystem.shared,
                            progress: ((Int, Int) -> Void)? = nil) throws -> VolumeUsage {
        let target: DASDVolume
        switch format {
        case .ckd:
            let ckd = try CKDImage.create(destination, geometry: source.geometry, cylinders: source.cylinders,
                                          replace: replace, fileSystem: fileSystem, progress: nil)
            ckd.journaling = false
            ckd.flushThreshold = 64
            target = ckd
        case .cckd(let compression):
            target = try CCKDImage.create(destination, geometry: source.geometry, cylinders: source.cylinders,
                                          compression: compression, replace: replace, fileSystem: fileSystem)
        }
        let total = source.cylinders * source.heads
        var done = 0
        do {
            for cylinder in 0..<source.cylinders {
                for head in 0..<source.heads {
                    let image = try source.readTrack(cylinder: cylinder, head: head)
                    guard image.count <= target.trackSize else {
                        throw MediaError(source.path, "cylinder \(cylinder) head \(head): a \(image.count)-byte track does not fit the \(target.trackSize)-byte tracks of \(destination)")
                    }
                    if image != TrackImage.empty(cylinder: cylinder, head: head) {
                        try target.writeTrack(cylinder: cylinder, head: head, image)
                    }
                    done += 1
                    progress?(done, total)
                }
            }
            try target.flush()
            let usage = try target.usage()
            try target.close()
            return usage
        } catch {
            try? target.close()
            throw error
        }
    }
}
