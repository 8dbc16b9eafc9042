/// The keys in line mode [spec §3, "Keys"].
extension LineConsole {
    /// Takes one key; returns what the host must hear of it.
    public mutating func press(_ key: Key, now: Duration) -> [ConsoleEvent] {
        // Any key ends NOT ACCEPTED; the status word shows what lies beneath.
        if notAccepted {
            notAccepted = false
            drawStatus()
        }
        if key != .pf(configuration.retrieveKey ?? 0) { retrieveIndex = nil }
        switch key {
        case .enter:
            return enter(now: now)
        case .clear:
            releasePage(now: now)
        case .pa(2):
            if pa2ToHost { return [.pa2Interrupt] }
            releasePage(now: now)
        case .pa(1), .attention:
            return [.attention]
        case .pf(let n):
            if n == configuration.retrieveKey {
                retrieve()
                return []
            }
            return [.programFunction(n)]
        case .pa, .systemRequest, .help, .unknown:
            break
        default:
            screen.apply(key, codes: codes)
        }
        return []
    }

    /// ENTER: in MORE... with nothing typed it holds the screen; while the
    /// guest runs with an earlier line still unread the line is refused
    /// (NOT ACCEPTED, it stays); otherwise the line goes to the host, is
    /// echoed (unless masked) and the input area is cleared.
    mutating func enter(now: Duration) -> [ConsoleEvent] {
        let text = inputText
        if text.isEmpty {
            switch paging {
            case .more:
                paging = .holding
                drawStatus()
                return []
            case .holding:
                return []   // only CLEAR or PA2 release it
            case .none:
                break
            }
        }
        if hostStatus == .running && inputUnconsumed {
            notAccepted = true
            drawStatus()
            return []
        }
        let masked = inputMasked
        setInput("")
        if masked { setInputMasked(false) }
        if !masked {
            if !text.isEmpty {
                history.append(text)
                if history.count > configuration.retrieveDepth { history.removeFirst(history.count - configuration.retrieveDepth) }
            }
            if configuration.echoInput { write([text], now: now) }
        }
        if hostStatus == .running { inputUnconsumed = true }
        return [.line(text)]
    }

    /// RETRIEVE: each press brings back the line before the one shown last,
    /// round to the newest again after the oldest.
    mutating func retrieve() {
        guard !history.isEmpty, !inputMasked else { return }
        let index = retrieveIndex.map { $0 == 0 ? history.count - 1 : $0 - 1 } ?? history.count - 1
        retrieveIndex = index
        setInput(history[index])
    }

    /// CP's status changed. A read (VM READ, CP READ) takes any line left
    /// waiting, so a new one is welcome again.
    public mutating func setHostStatus(_ status: HostStatus) {
        hostStatus = status
        if status != .running { inputUnconsumed = false }
        notAccepted = false
        drawStatus()
    }

    /// The guest took the line entered while it was running.
    public mutating func inputConsumed() {
        inputUnconsumed = false
    }
}
