/// CP commands from outside a terminal session: `ssh bob@host 'QUERY NAMES'`.
extension ControlProgram {
    /// Runs `line` as a CP command of `userid` (authenticated by the caller)
    /// and replies with its return code and output. A logged-on user's VM
    /// runs it on its own worker, like a command typed at CP READ. A user
    /// who is not logged on is logged on without IPL for the command and
    /// logged off afterwards, unless the command left the VM running (`IPL
    /// CMS`), which then runs on disconnected as after AUTOLOG.
    public func runCommand(_ line: String, as userid: String,
                           reply: @escaping @Sendable (_ returnCode: Int, _ output: [String]) -> Void) {
        if let vm = user(userid) {
            vm.post { vm in
                let result = vm.execute(command: line, source: .remote)
                reply(result.rc, result.output)
            }
            return
        }
        switch logon(userid: userid, connection: nil, noIPL: true) {
        case .refused(let message):
            reply(message.number, [message.fullLine])
        case .loggedOn(let vm), .reconnected(let vm):
            vm.post { vm in
                let result = vm.execute(command: line, source: .remote)
                if !vm.isLoggedOff && vm.runState != .running {
                    vm.cp.logoff(vm, reason: .loggedOff)
                }
                reply(result.rc, result.output)
            }
        }
    }
}
