/* vm67 CMS: full-screen I/O on a 3270 console through DIAGNOSE X'58' (CCW
 * X'29' write, X'2A' read), which CP ends with an I/O interruption. */
#ifndef FULLSCREEN_H
#define FULLSCREEN_H
#include "cms.h"

/* io.c: waits for the interruption that ends DIAGNOSE-started I/O. */
void io_wait_device(u32 device, struct csw *csw);

/* The virtual console is a display (DIAGNOSE X'24'). */
int scr_console_is_display(void);

#define SCR_DONE 0
#define SCR_REPAINT 1            /* CP took the screen: write it all again */
#define SCR_FAILED -1            /* not a display, or the I/O failed */

/* Writes a 3270 data stream (WCC and orders); erase: Erase/Write. */
int scr_write(const u8 *data, u32 length, int erase);
/* Waits for the user's AID key and reads the modified fields (AID, cursor
 * address, SBA-field pairs) into buf; *length gets their size. */
int scr_read(u8 *buf, u32 max, u32 *length);
/* Back to line mode (CP's screen, cleared). */
void scr_leave(void);

/* 3270 buffer addresses: the 12-bit coded form out, either form in. */
void scr_address_encode(u32 address, u8 out[2]);
u32 scr_address_decode(const u8 in[2]);

#endif
