/*
 * insncount: QEMU TCG plugin (plugin API v1, QEMU 7.2) counting guest work between the
 * marker instructions `dbg #1` (start) and `dbg #2` (stop), which the firmware executes
 * around every measured region (Thumb-2 hint space: NOPs on a real Cortex-M4 and in QEMU).
 *
 * For every region it prints (with `-d plugin`, to stderr):
 *   [insncount] region <k>: insns=<n> loads=<l> taken=<t> est=<n + l + 2t>
 * insns  = instructions executed strictly between the markers (exact);
 * loads  = memory read accesses (one per word of LDM/LDRD);
 * taken  = control-flow discontinuities between translation blocks (taken branches,
 *          calls, returns, exception entries);
 * est    = a crude Cortex-M4 cycle estimate (shared/CORTEX-M.md §8): each instruction 1
 *          cycle, +1 per load, +2 per taken branch (pipeline refill). Not cycle-accurate.
 *
 * No QEMU headers needed: the few API-v1 declarations used are below. QEMU >= 9 changed
 * parts of the API (e.g. qemu_plugin_insn_data); this file targets 7.2.
 * Build: gcc -O2 -shared -fPIC -o libinsncount.so insncount.c
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
enum qemu_plugin_mem_rw { QEMU_PLUGIN_MEM_R = 1, QEMU_PLUGIN_MEM_W, QEMU_PLUGIN_MEM_RW };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);

#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn, enum qemu_plugin_op op,
                                                void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn, qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, qemu_plugin_vcpu_udata_cb_t cb,
                                          enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_vcpu_mem_inline(struct qemu_plugin_insn *insn, enum qemu_plugin_mem_rw rw,
                                          enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_outs(const char *string);

QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;

/* Single vCPU (Cortex-M): plain globals. */
static uint64_t insns, loads, taken;
static uint64_t start_insns, start_loads, start_taken;
static uint64_t last_tb_end = UINT64_MAX;
static unsigned region;
static bool in_region;

struct tb_span {
    uint64_t start, end;
};

static void on_tb_exec(unsigned int vcpu, void *udata)
{
    (void)vcpu;
    const struct tb_span *s = udata;
    if (s->start != last_tb_end)
        taken++;
    last_tb_end = s->end;
}

static void on_start(unsigned int vcpu, void *udata)
{
    (void)vcpu;
    (void)udata;
    start_insns = insns;
    start_loads = loads;
    start_taken = taken;
    in_region = true;
}

static void on_stop(unsigned int vcpu, void *udata)
{
    (void)vcpu;
    (void)udata;
    if (!in_region)
        return;
    in_region = false;
    /* The stop marker begins a TB-internal position, so a branch into the block that holds
     * it was already counted; nothing to adjust. */
    uint64_t n = insns - start_insns, l = loads - start_loads, t = taken - start_taken;
    char buf[160];
    snprintf(buf, sizeof buf, "[insncount] region %u: insns=%" PRIu64 " loads=%" PRIu64 " taken=%" PRIu64
             " est=%" PRIu64 "\n", region++, n, l, t, n + l + 2 * t);
    qemu_plugin_outs(buf);
}

/* `dbg #k` in Thumb-2: halfwords 0xF3AF, 0x80F0 | k, little-endian in memory. */
static int dbg_option(struct qemu_plugin_insn *insn)
{
    if (qemu_plugin_insn_size(insn) != 4)
        return -1;
    const uint8_t *b = qemu_plugin_insn_data(insn);
    if (b[0] == 0xAF && b[1] == 0xF3 && (b[2] & 0xF0) == 0xF0 && b[3] == 0x80)
        return b[2] & 0x0F;
    return -1;
}

static void on_tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    size_t n = qemu_plugin_tb_n_insns(tb);
    if (n == 0)
        return;
    struct qemu_plugin_insn *first = qemu_plugin_tb_get_insn(tb, 0);
    struct qemu_plugin_insn *last = qemu_plugin_tb_get_insn(tb, n - 1);
    struct tb_span *span = malloc(sizeof *span); /* one per translation; never freed */
    if (!span)
        abort();
    span->start = qemu_plugin_insn_vaddr(first);
    span->end = qemu_plugin_insn_vaddr(last) + qemu_plugin_insn_size(last);
    qemu_plugin_register_vcpu_tb_exec_cb(tb, on_tb_exec, QEMU_PLUGIN_CB_NO_REGS, span);
    for (size_t i = 0; i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        int k = dbg_option(insn);
        if (k == 1) {
            qemu_plugin_register_vcpu_insn_exec_cb(insn, on_start, QEMU_PLUGIN_CB_NO_REGS, NULL);
        } else if (k == 2) {
            qemu_plugin_register_vcpu_insn_exec_cb(insn, on_stop, QEMU_PLUGIN_CB_NO_REGS, NULL);
        } else {
            qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &insns, 1);
            qemu_plugin_register_vcpu_mem_inline(insn, QEMU_PLUGIN_MEM_R, QEMU_PLUGIN_INLINE_ADD_U64,
                                                 &loads, 1);
        }
    }
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
                                           char **argv)
{
    (void)info;
    (void)argc;
    (void)argv;
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb_trans);
    return 0;
}
