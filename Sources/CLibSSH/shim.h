#ifndef VM67_CLIBSSH_SHIM_H
#define VM67_CLIBSSH_SHIM_H

#include <libssh/libssh.h>
#include <libssh/server.h>
#include <libssh/callbacks.h>

/*
 * libssh 0.10 marks some message accessors deprecated in favour of its
 * synchronous server callbacks. vm67 answers a failed login only after a
 * delay (rate limiting) without holding a thread, which needs the message
 * API: the message is kept and answered later. And once a session has server
 * callbacks, libssh answers every message they do not take with a refusal, so
 * the channel requests (pty-req, window-change) are messages too. These
 * wrappers keep the deprecation warnings out of the Swift build.
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

static inline const char *vm67_ssh_message_channel_request_pty_term(ssh_message message) {
    return ssh_message_channel_request_pty_term(message);
}

/* Also the size carried by a window-change request. */
static inline int vm67_ssh_message_channel_request_pty_width(ssh_message message) {
    return ssh_message_channel_request_pty_width(message);
}

static inline int vm67_ssh_message_channel_request_pty_height(ssh_message message) {
    return ssh_message_channel_request_pty_height(message);
}

#pragma GCC diagnostic pop

/* ssh_callbacks_init is a macro; Swift sets the size field through these. */
static inline void vm67_ssh_channel_callbacks_init(struct ssh_channel_callbacks_struct *callbacks) {
    ssh_callbacks_init(callbacks);
}


#endif
