/// One CP command: its name, the shortest abbreviation, the privilege
/// classes that may use it (empty: anyone), a line of help, and the code.
struct CommandEntry {
    let name: String
    /// Characters of `name` that must be typed (LOGOFF: 3 for LOG).
    let minimum: Int
    let classes: PrivilegeClasses
    let help: String
    let run: @Sendable (inout CommandContext) -> Int

    /// Whether `verb` names this command: a prefix of the name at least `minimum` long.
    func matches(_ verb: String) -> Bool {
        verb.count >= minimum && verb.count <= name.count && name.hasPrefix(verb)
    }
}

/// The CP command table, in VM/370's lookup order: an abbreviation means
/// the first entry it matches.
enum CommandTable {
    static let entries: [CommandEntry] = [
        CommandEntry(name: "LOGOFF", minimum: 3, classes: [], help: "LOGOFF [HOLD]: end the session", run: SessionCommands.logoff),
        CommandEntry(name: "LOGOUT", minimum: 6, classes: [], help: "LOGOUT: same as LOGOFF", run: SessionCommands.logoff),
        CommandEntry(name: "LOGON", minimum: 1, classes: [], help: "LOGON userid: log on (you are logged on already)", run: SessionCommands.logon),
        CommandEntry(name: "LOGIN", minimum: 5, classes: [], help: "LOGIN userid: same as LOGON", run: SessionCommands.logon),
        CommandEntry(name: "DISCONN", minimum: 4, classes: [], help: "DISCONN [HOLD]: leave the VM running without a terminal", run: SessionCommands.disconnect),
        CommandEntry(name: "QUERY", minimum: 1, classes: .all, help: "QUERY what: TIME NAMES USERS userid VIRTUAL STORAGE SET CPLEVEL PF LINKS …", run: QueryCommand.run),
        CommandEntry(name: "IPL", minimum: 1, classes: .g, help: "IPL vaddr|sysname [CLEAR] [PARM text]", run: IPLCommands.ipl),
        CommandEntry(name: "BEGIN", minimum: 1, classes: .g, help: "BEGIN [hexloc]: resume the VM", run: IPLCommands.begin),
        CommandEntry(name: "DEFINE", minimum: 3, classes: .g, help: "DEFINE STORAGE nnnK|nnM | DEFINE vaddr AS vaddr2 | DEFINE T3350 vaddr CYL n", run: DefineCommand.define),
        CommandEntry(name: "DETACH", minimum: 3, classes: [.b, .g], help: "DETACH vaddr", run: DefineCommand.detach),
        CommandEntry(name: "ATTACH", minimum: 3, classes: [.b], help: "ATTACH raddr|volser [TO] userid [AS] vaddr", run: AttachCommand.attach),
        CommandEntry(name: "LINK", minimum: 2, classes: .g, help: "LINK [TO] userid vaddr1 [AS] vaddr2 [mode] [[PASS=]password]", run: LinkCommand.link),
        CommandEntry(name: "MESSAGE", minimum: 1, classes: [.b, .g], help: "MSG userid|* text", run: MessageCommands.message),
        CommandEntry(name: "MSG", minimum: 3, classes: [.b, .g], help: "MSG userid|* text", run: MessageCommands.message),
        CommandEntry(name: "WARNING", minimum: 1, classes: [.a, .b], help: "WARNING userid|ALL text", run: MessageCommands.warning),
        CommandEntry(name: "WNG", minimum: 3, classes: [.a, .b], help: "WNG userid|ALL text", run: MessageCommands.warning),
        CommandEntry(name: "MSGNOH", minimum: 6, classes: [.a, .b], help: "MSGNOH userid text", run: MessageCommands.messageNoHeader),
        CommandEntry(name: "SMSG", minimum: 2, classes: .g, help: "SMSG userid|* text: special message through VMCF", run: SpecialMessageCommand.smsg),
        CommandEntry(name: "CLOSE", minimum: 1, classes: .g, help: "CLOSE vaddr|RDR|PRT|PUN [HOLD|NOHOLD] [PURGE] [DIST code] [NAME fn [ft]] [TO userid]", run: CloseCommand.close),
        CommandEntry(name: "SPOOL", minimum: 2, classes: .g, help: "SPOOL vaddr|RDR|PRT|PUN [CLASS c] [CONT|NOCONT] [HOLD|NOHOLD] [COPY n] [TO userid|*|SYSTEM] [FOR userid] [OFF] [EOF|NOEOF] [CLOSE|PURGE]", run: SpoolCommand.spool),
        CommandEntry(name: "CHANGE", minimum: 2, classes: [.d, .g], help: "CHANGE RDR|PRT|PUN spoolid|CLASS c|ALL [CLASS c] [COPY n] [HOLD|NOHOLD] [DIST code] [NAME fn ft]", run: ChangeCommand.change),
        CommandEntry(name: "TRANSFER", minimum: 4, classes: [.d, .g], help: "TRANSFER [RDR] spoolid|CLASS c|ALL [TO] userid", run: TransferCommand.transfer),
        CommandEntry(name: "ORDER", minimum: 3, classes: [.d, .g], help: "ORDER RDR|PRT|PUN spoolid...|CLASS c", run: OrderCommand.order),
        CommandEntry(name: "TAG", minimum: 3, classes: .g, help: "TAG DEV vaddr [text] | TAG FILE spoolid [text] | TAG QUERY DEV vaddr|FILE spoolid", run: TagCommand.tag),
        CommandEntry(name: "PURGE", minimum: 3, classes: [.d, .g], help: "PURGE RDR|PRT|PUN [spoolid...|CLASS c|ALL] | PURGE ALL", run: PurgeCommand.purge),
        CommandEntry(name: "SET", minimum: 3, classes: .all, help: "SET EMSG|IMSG|MSG|SMSG|WNG|RUN|TIMER|PFnn|LOGMSG|PRIORITY|FAVORED …", run: SetCommand.run),
        CommandEntry(name: "TERMINAL", minimum: 4, classes: .g, help: "TERMINAL LINEND|LINEDEL|CHARDEL|ESCAPE c|OFF, MODE VM|CP, LINESIZE n", run: SetCommand.terminal),
        CommandEntry(name: "DISPLAY", minimum: 1, classes: .g, help: "DISPLAY hexloc[-end|.len] | Gn | Xn | Yn | PSW | CSW | CAW | Khexloc | Thexloc", run: DisplayStore.display),
        CommandEntry(name: "STORE", minimum: 2, classes: .g, help: "STORE hexloc data | Gn value | Xn value | PSW value", run: DisplayStore.store),
        CommandEntry(name: "TRACE", minimum: 2, classes: .g, help: "TRACE SVC|I/O|PROGRAM|EXTERNAL|PRIV|BRANCH|INSTRUCT|ALL [RUN|NORUN] | END", run: TraceCommands.trace),
        CommandEntry(name: "ADSTOP", minimum: 2, classes: .g, help: "ADSTOP hexloc|OFF", run: TraceCommands.adstop),
        CommandEntry(name: "STOP", minimum: 4, classes: .g, help: "STOP: stop the VM (CP READ), as the attention key does", run: IPLCommands.stop),
        CommandEntry(name: "SYSTEM", minimum: 3, classes: .g, help: "SYSTEM RESET|CLEAR|RESTART", run: IPLCommands.system),
        CommandEntry(name: "EXTERNAL", minimum: 3, classes: .g, help: "EXTERNAL [code]: an external interruption", run: MiscCommands.external),
        CommandEntry(name: "REQUEST", minimum: 3, classes: .g, help: "REQUEST: console attention", run: MiscCommands.request),
        CommandEntry(name: "SLEEP", minimum: 2, classes: [], help: "SLEEP [n SEC|MIN|HR]", run: MiscCommands.sleep),
        CommandEntry(name: "INDICATE", minimum: 3, classes: [.e, .g], help: "INDICATE [LOAD|USER]", run: MiscCommands.indicate),
        CommandEntry(name: "FORCE", minimum: 5, classes: .a, help: "FORCE userid: log a user off", run: OperatorCommands.force),
        CommandEntry(name: "AUTOLOG", minimum: 6, classes: [.a, .b], help: "AUTOLOG userid [password]: log a user on disconnected", run: OperatorCommands.autolog),
        CommandEntry(name: "SHUTDOWN", minimum: 8, classes: .a, help: "SHUTDOWN [WITHIN seconds|IMMED]: warn the users, then end the system", run: OperatorCommands.shutdown),
        CommandEntry(name: "ENABLE", minimum: 2, classes: [.a, .b], help: "ENABLE ALL: accept logons", run: OperatorCommands.enable),
        CommandEntry(name: "DISABLE", minimum: 4, classes: [.a, .b], help: "DISABLE ALL: refuse new logons", run: OperatorCommands.disable),
        // Minimum abbreviations of the class D commands are our guess.
        CommandEntry(name: "START", minimum: 3, classes: .d, help: "START raddr [CLASS classes]: a real printer, punch or reader starts", run: UnitRecordCommands.start),
        CommandEntry(name: "DRAIN", minimum: 3, classes: .d, help: "DRAIN raddr|ALL: a real device stops after its file", run: UnitRecordCommands.drain),
        CommandEntry(name: "FLUSH", minimum: 3, classes: .d, help: "FLUSH raddr [HOLD]: stop the file being written", run: UnitRecordCommands.flush),
        CommandEntry(name: "REPEAT", minimum: 3, classes: .d, help: "REPEAT raddr [n]: n more copies of the current or last file", run: UnitRecordCommands.repeatFile),
        CommandEntry(name: "HOLD", minimum: 4, classes: .d, help: "HOLD userid: keep the user's output in the queues", run: UnitRecordCommands.hold),
        CommandEntry(name: "FREE", minimum: 4, classes: .d, help: "FREE userid: release HOLD", run: UnitRecordCommands.free),
        CommandEntry(name: "HELP", minimum: 4, classes: [], help: "HELP [command]", run: MiscCommands.help),
    ]

    /// The entry `verb` names for a user with `classes`; a command the user
    /// may not use behaves as if it did not exist.
    static func lookup(_ verb: String, classes: PrivilegeClasses) -> CommandEntry? {
        for entry in entries where entry.matches(verb) {
            if entry.classes.isEmpty || !entry.classes.isDisjoint(with: classes) { return entry }
            return nil
        }
        return nil
    }
}

extension VirtualMachine {
    /// Runs one CP command line; returns the return code (0 or the message
    /// number) and, for a DIAGNOSE response buffer, the output lines.
    @discardableResult
    func execute(command line: String, source: CommandSource) -> (rc: Int, output: [String]) {
        let trimmed = line.trimmingWhitespace
        if trimmed.isEmpty || trimmed.hasPrefix("*") { return (0, []) }
        let verbEnd = trimmed.firstIndex(of: " ") ?? trimmed.endIndex
        let verb = trimmed[..<verbEnd].uppercased()
        let operands = String(trimmed[verbEnd...]).trimmingWhitespace
        var context = CommandContext(vm: self, verb: verb, text: operands, source: source)
        let rc: Int
        if let entry = CommandTable.lookup(verb, classes: entry.classes) {
            rc = entry.run(&context)
        } else {
            rc = context.fail(Messages.unknownCommand(verb))
        }
        if source == .diagnoseBuffer || source == .remote { return (rc, context.output) }
        say(context.output)
        return (rc, [])
    }
}
