/* vm67 CMS: storage, laid out as VM/370 CMS lays it out. The nucleus and
 * its stacks lie below __free_start; the user area (where programs run)
 * starts at the next 64 KB boundary after them, at X'20000' while the
 * nucleus is small enough; nucleus free storage is the top 256 KB of
 * storage (a first-fit list of free blocks, merged when freed). */
#include "cms.h"

#define NUCLEUS_FREE 0x40000

struct chunk { u32 size; struct chunk *next; };   /* size includes the 8-byte header */

static u32 size, user_start, free_area_start;
static struct chunk *free_list;

void storage_init(void)
{
    size = diag_storage_size();
    if (size > 0x1000000) size = 0x1000000;
    user_start = ((u32)__free_start + 0xFFFF) & ~0xFFFFu;
    if (user_start < 0x20000) user_start = 0x20000;
    u32 end = size;
    u32 start = end - NUCLEUS_FREE;
    if (start < user_start + 0x10000) start = user_start + 0x10000;     /* small machines */
    free_area_start = start;
    free_list = (struct chunk *)start;
    free_list->size = end - start;
    free_list->next = NULL;
}

u32 storage_size(void) { return size; }
u32 user_area_start(void) { return user_start; }
u32 user_area_end(void) { return free_area_start; }

/* Nucleus free storage, zeroed; NULL when there is none left. */
void *cms_alloc(u32 n)
{
    n = ((n + 7) & ~7u) + 8;
    for (struct chunk **link = &free_list; *link; link = &(*link)->next) {
        struct chunk *c = *link;
        if (c->size < n) continue;
        if (c->size - n >= 32) {
            struct chunk *rest = (struct chunk *)((u8 *)c + n);
            rest->size = c->size - n;
            rest->next = c->next;
            *link = rest;
            c->size = n;
        } else {
            *link = c->next;
        }
        memset((u8 *)c + 8, 0, c->size - 8);
        return (u8 *)c + 8;
    }
    return NULL;
}

void cms_free(void *p)
{
    if (!p) return;
    struct chunk *c = (struct chunk *)((u8 *)p - 8);
    struct chunk **link = &free_list;
    while (*link && *link < c) link = &(*link)->next;
    c->next = *link;
    *link = c;
    if (c->next && (u8 *)c + c->size == (u8 *)c->next) {
        c->size += c->next->size;
        c->next = c->next->next;
    }
    /* Merge with the block before, when it touches. */
    for (struct chunk *b = free_list; b && b != c; b = b->next) {
        if (b->next == c && (u8 *)b + b->size == (u8 *)c) {
            b->size += c->size;
            b->next = c->next;
            break;
        }
    }
}

/* The file system's storage. */
void *fs_alloc(u32 n) { return cms_alloc(n); }
void fs_free(void *p) { cms_free(p); }
