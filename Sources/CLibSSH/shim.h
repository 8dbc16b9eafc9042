#ifndef VM67_CLIBSSH_SHIM_H
#define VM67_CLIBSSH_SHIM_H

#include <libssh/libssh.h>
#include <libssh/server.h>
#include <libssh/callbacks.h>

/*
 * libssh 0.10 marks the message accessors for authentication deprecated in
 * favour of its synchronous callbacks. vm67 answers a failed login only after
 * a delay (rate limiting) without holding a thread, which needs the message
 * API: the message is kept and answered later. These wrappers keep the
 * deprecation warnings out of the Swift build.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

static inline const char *vm67_ssh_message_auth_password(ssh_message message) {
    return ssh_message_auth_password(message);
}

static inline ssh_key vm67_ssh_message_auth_pubkey(ssh_message message) {
    return ssh_message_auth_pubkey(message);
}

static inline int vm67_ssh_message_auth_publickey_state(ssh_message message) {
    return (int)ssh_message_auth_publickey_state(message);
}

#pragma GCC diagnostic pop

/* ssh_callbacks_init is a macro; Swift sets the size field through this. */
static inline void vm67_ssh_channel_callbacks_init(struct ssh_channel_callbacks_struct *callbacks) {
    ssh_callbacks_init(callbacks);
}

#endif
