/* vm67 CMS: low core, start-up and the interruption handlers.
 *
 * The nucleus runs in BC mode, supervisor state, key 0, disabled for I/O and
 * external interruptions. It enables for I/O only in the wait PSW of
 * io_wait, so every I/O interruption arrives in that wait: the handler
 * records it and resumes after the wait, disabled again.
 *
 * Low-core work areas (BC-mode PSA is used up to X'100'):
 *   X'200' I/O handler register save      X'240' program-check register save
 *   X'280' SVC handler register save      X'2C0' PSW to resume an SVC caller
 *   X'2D0' PSW to resume a user program after an attention
 *
 * User programs (program.c) run enabled for I/O, so that an attention (a
 * line typed while CMS runs: HX, HT, RT, HI, SO) is seen at once; the
 * nucleus looks for one at every console I/O and, by io_window, between
 * EXEC lines.
 */
        .section .lowcore,"aw"
        .org    0x00
        .long   0x00040000, _start          /* IPL PSW (the NSS header has its own) */
        .org    0x58
        .long   0x00000000, ext_handler     /* external new PSW */
        .long   0x00000000, svc_handler     /* SVC new PSW */
        .long   0x00000000, pgm_handler     /* program new PSW */
        .long   0x00020000, 0x00000DEAD     /* machine-check new PSW: disabled wait */
        .long   0x00000000, io_handler      /* I/O new PSW */
        .org    0x1000

        .section .text.start,"ax"
        .globl  _start
_start:
        larl    %r15,ipl_parm               /* CP's IPL PARM text in R0-R3 */
        stm     %r0,%r3,0(%r15)
        larl    %r15,__stack_top
        ahi     %r15,-96
        lhi     %r0,0
        st      %r0,0(%r15)                 /* back chain ends here */
        brasl   %r14,cms_main
        larl    %r1,halt_psw                /* cms_main never returns */
        lpsw    0(%r1)

        .text
/* I/O interruption: io_interrupt(device, &csw), then resume the waiter
 * disabled and out of the wait state. */
        .globl  io_handler
io_handler:
        stm     %r0,%r15,0x200
        larl    %r15,__irq_stack_top
        ahi     %r15,-96
        lh      %r2,0x3a                    /* device address from the old PSW */
        la      %r3,0x40                    /* CSW */
        brasl   %r14,io_interrupt
        tm      0x39,0x02                   /* it ended a wait? */
        jo      io_from_wait
        l       %r1,0x3c                    /* the interrupted address */
        sll     %r1,8
        srl     %r1,8
        larl    %r2,_end
        clr     %r1,%r2
        jl      io_back                     /* the nucleus's io_window */
/* A user program was running (enabled by call_user): the interrupted PSW
 * and registers go aside, and attention_interrupt (attention.c) acts on a
 * line typed meanwhile, on its own stack: it may do I/O (the handler then
 * runs again, from a wait) or end the program (HX) by longjmp. */
        larl    %r1,attn_save
        mvc     0(64,%r1),0x200
        mvc     64(8,%r1),0x38
        larl    %r15,attn_stack_top
        ahi     %r15,-96
        brasl   %r14,attention_interrupt
        larl    %r1,attn_save
        mvc     0x2d0(8),64(%r1)
        lm      %r0,%r15,0(%r1)
        lpsw    0x2d0
io_back:
        lm      %r0,%r15,0x200
        lpsw    0x38
io_from_wait:
        lm      %r0,%r15,0x200
        ni      0x38,0x00                   /* channel masks off */
        ni      0x39,0xfd                   /* not waiting */
        lpsw    0x38

/* void io_window(void): enabled for I/O for one instruction, so that an
 * interruption pending while the nucleus computes (an attention) is taken. */
        .globl  io_window
io_window:
        larl    %r1,mask_scratch
        stosm   0(%r1),0xFE
        stnsm   0(%r1),0x00
        br      %r14

/* External interruption: none is enabled; just return. */
ext_handler:
        lpsw    0x18

/* Program interruption: program_check(regs, &oldpsw). It normally recovers
 * by jumping back into the command loop; if it returns, resume the program. */
        .globl  pgm_handler
pgm_handler:
        stm     %r0,%r15,0x240
        larl    %r15,__pgm_stack_top
        ahi     %r15,-96
        la      %r2,0x240
        la      %r3,0x28
        brasl   %r14,program_check
        lm      %r0,%r15,0x240
        lpsw    0x28

/* SVC: svc_call(number, regs, &psw) on a frame taken from the SVC stack,
 * so SVCs may nest. The registers and PSW in the frame are given back. */
        .globl  svc_handler
svc_handler:
        stm     %r0,%r15,0x280
        larl    %r1,svc_sp
        l       %r15,0(%r1)
        ahi     %r15,-176                   /* 96 save area, 64 regs, 8 PSW, 8 pad */
        st      %r15,0(%r1)
        mvc     96(64,%r15),0x280
        mvc     160(8,%r15),0x20
        lh      %r2,0x22                    /* SVC number */
        la      %r3,96(%r15)
        la      %r4,160(%r15)
        brasl   %r14,svc_call
        larl    %r1,svc_sp
        l       %r15,0(%r1)
        mvc     0x2c0(8),160(%r15)
        la      %r2,176(%r15)
        st      %r2,0(%r1)
        lm      %r0,%r15,96(%r15)
        lpsw    0x2c0

/* int cms_setjmp(jmpbuf) / void cms_longjmp(jmpbuf, value) */
        .globl  cms_setjmp
cms_setjmp:
        stm     %r6,%r15,0(%r2)
        lhi     %r2,0
        br      %r14
        .globl  cms_longjmp
cms_longjmp:
        lr      %r1,%r2
        lr      %r2,%r3
        lm      %r6,%r15,0(%r1)
        br      %r14

/* Wait for an I/O interruption, enabled for every channel; the I/O
 * handler brings us back here, disabled. */
        .globl  io_wait
io_wait:
        larl    %r1,wait_psw
        lpsw    0(%r1)
io_resume:
        br      %r14

/* int sio(device, ccw): CAW = ccw (key 0); returns the condition code. */
        .globl  sio
sio:
        st      %r3,0x48
        .insn   s,0x9c000000,0(%r2)
        ipm     %r2
        srl     %r2,28
        br      %r14
/* int tio(device) */
        .globl  tio
tio:
        .insn   s,0x9d000000,0(%r2)
        ipm     %r2
        srl     %r2,28
        br      %r14
/* int hio(device) */
        .globl  hio
hio:
        .insn   s,0x9e000000,0(%r2)
        ipm     %r2
        srl     %r2,28
        br      %r14

/* int diag18(vaddr, ccws, count, &r15): DIAGNOSE X'18' with R15 = the
 * number of READ/WRITE CCWs; returns the condition code, *r15 CP's code. */
        .globl  diag18
diag18:
        stm     %r6,%r15,24(%r15)
        lr      %r1,%r15
        lr      %r15,%r4
        diag    %r2,%r3,0x18
        ipm     %r2
        srl     %r2,28
        lr      %r4,%r15
        lr      %r15,%r1
        st      %r4,0(%r5)
        lm      %r6,%r15,24(%r15)
        br      %r14

/* void disabled_wait(code): stop for good, with code in the PSW. */
        .globl  disabled_wait
disabled_wait:
        larl    %r1,stop_psw
        st      %r2,4(%r1)
        lpsw    0(%r1)

        .section .rodata
        .align  8
wait_psw:
        .long   0xFE020000, io_resume       /* channels 0-6 enabled, wait */
halt_psw:
        .long   0x00020000, 0x00000BAD

        .data
        .align  8
stop_psw:
        .long   0x00020000, 0
        .globl  svc_sp
svc_sp:
        .long   __svc_stack_top

        .bss
        .align  8
        .globl  user_program_depth
user_program_depth:
        .space  4
        .align  8
attn_save:
        .space  72
mask_scratch:
        .space  8
        .align  8
        .space  4096                        /* the attention handler's stack */
attn_stack_top:
        .section .note.GNU-stack,"",@progbits

        .data
        .globl  ipl_parm
        .align  4
ipl_parm:
        .long   0, 0, 0, 0
