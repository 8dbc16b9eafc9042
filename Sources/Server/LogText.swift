/// What a client sends (user names, commands, service names) goes into log
/// lines. Control characters there could forge or hide lines, and a huge name
/// could flood the log, so such text is shortened and made printable first.
enum LogText {
    static func printable(_ text: String, limit: Int = 64) -> String {
        var shown = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit).map {
            $0.properties.generalCategory == .control || $0.properties.generalCategory == .format ? "?" : $0
        }))
        if text.unicodeScalars.count > limit { shown += "…" }
        return shown
    }
}
