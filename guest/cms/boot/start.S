/* vm67 CMS disk bootstrap: a stack, then boot_main (boot.c). */
        .section .text.start,"ax"
        .globl  boot_start
boot_start:
        larl    %r15,boot_stack+4000
        brasl   %r14,boot_main
        .section .note.GNU-stack,"",@progbits
