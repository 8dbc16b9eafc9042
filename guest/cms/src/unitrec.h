/* vm67 CMS: the unit record helpers of cmd_unitrec.c, shared with the
 * commands that punch or read decks (DISK, NOTE, RDRLIST). */
#ifndef UNITREC_H
#define UNITREC_H
#include "cms.h"

#define READER 0x00C
#define PUNCH 0x00D
#define PRINTER 0x00E

/* The virtual device exists. */
int have_device(u32 vaddr);
/* A CP command made with format(); mode as cp_command_mode. */
int cpf(int mode, const char *fmt, ...);
/* One record to a unit record device (command X'01' punch, X'09' print): 0 or -1. */
int unit_write(u32 vaddr, u8 command, const u8 *data, u32 n);
/* Reads one card from 00C: 1 a card, 0 the end of the file, -1 an empty reader. */
int read_card(u8 *card);

#endif
