/* compile_fuse.c - superinstructions.
 *
 * The last pass over a function's code: where an instruction is always
 * followed by one that often runs right after it, the first becomes a
 * superinstruction that does both, so the interpreter dispatches once
 * instead of twice.  The rewrite keeps every instruction's length and
 * leaves the second instruction in place: a jump may land on it, and the
 * superinstruction falls through to it whenever its fast path does not
 * apply.  Jump targets and line numbers stay valid as they are.
 *
 *   OP_TEST_IS r k L; OP_RET s      -> OP_TEST_IS_RET   (def f(0), do: s)
 *   OP_ADD d a b;     OP_RET d      -> OP_ADD_RET       (a + b as the last expression;
 *   OP_SUB d a b;     OP_RET d      -> OP_SUB_RET        _RR when a and b are registers)
 *   OP_ADD d a b;     OP_CALL ...   -> OP_ADD_CALL      (f(n + 1))
 *   OP_SUB d a b;     OP_CALL ...   -> OP_SUB_CALL
 *
 * Before that, an OP_ADD/OP_SUB of a register and a small literal takes
 * the literal into the instruction (OP_ADD_IMM, OP_SUB_IMM): no literal
 * table to read, no operand kind to test.  Followed by the call of one
 * argument that is its result and the call's result register too,
 *
 *   OP_SUB_IMM d r i; OP_CALL d c 1 d -> OP_SUB_IMM_ARG  (fib(n - 1))
 *
 * the value goes straight into the callee's argument: it is not stored
 * in d, which the call overwrites anyway.
 *
 * and then an OP_TEST_IS_RET that jumps, when its test fails, to another
 * OP_TEST_IS_RET of the same register right after its OP_RET, itself
 * jumping to right after its own OP_RET, becomes OP_TEST_IS_RET2, which
 * runs both tests (def f(0), do: ...; def f(1), do: ...; def f(n) ...)
 * and reads neither test's target.
 *
 * Last, the OP_TEST_IS family takes a small integer literal into the
 * instruction (the _IMM forms): a test compares with a word of its own
 * instead of loading the literal.
 */
#include "compiler.h"

/* Whether operand word w is a small integer literal k with |k| < 2^30:
 * then *imm = 2k, the tagged form less its tag, fits the word. */
static bool small_literal(uint32_t w, const term *literals, int32_t *imm)
{
    if (!(w & VM_LIT)) return false;
    term k = literals[w & ~VM_LIT];
    if (!term_is_small(k)) return false;
    intptr_t v = term_small_value(k);
    if (v < -((intptr_t)1 << 30) || v >= ((intptr_t)1 << 30)) return false;
    *imm = (int32_t)(2 * v);
    return true;
}

/* An OP_ADD/OP_SUB of a register and a small literal takes the literal in;
 * returns the new opcode, or 0. */
static uint32_t take_immediate(uint32_t *o, const term *literals)
{
    int32_t imm;
    if ((o[0] != OP_ADD && o[0] != OP_SUB) || (o[2] & VM_LIT) || !small_literal(o[3], literals, &imm)) return 0;
    o[3] = (uint32_t)imm;
    return o[0] = o[0] == OP_ADD ? OP_ADD_IMM : OP_SUB_IMM;
}

void cc_fuse(uint32_t *ops, uint32_t nops, const term *literals)
{
    for (uint32_t pc = 0; pc < nops;) {
        uint32_t len = cc_op_length(ops, pc), next = pc + len;
        if (take_immediate(&ops[pc], literals) && next < nops && ops[next] == OP_CALL && ops[next + 1] == ops[pc + 1] &&
            ops[next + 3] == 1 && ops[next + 4] == ops[pc + 1])
            ops[pc] = ops[pc] == OP_ADD_IMM ? OP_ADD_IMM_ARG : OP_SUB_IMM_ARG;
        if (next < nops && ops[next] == OP_CALL) {
            if (ops[pc] == OP_ADD) ops[pc] = OP_ADD_CALL;
            else if (ops[pc] == OP_SUB) ops[pc] = OP_SUB_CALL;
        }
        if (next < nops && ops[next] == OP_RET) {
            switch ((vm_op)ops[pc]) {
            case OP_TEST_IS: ops[pc] = OP_TEST_IS_RET; break;
            case OP_ADD:
            case OP_SUB: {
                if (ops[next + 1] != ops[pc + 1]) break;
                bool regs = !(ops[pc + 2] & VM_LIT) && !(ops[pc + 3] & VM_LIT);
                if (ops[pc] == OP_ADD) ops[pc] = regs ? OP_ADD_RET_RR : OP_ADD_RET;
                else ops[pc] = regs ? OP_SUB_RET_RR : OP_SUB_RET;
                break;
            }
            default: break;
            }
        }
        pc = next;
    }
    for (uint32_t pc = 0; pc < nops; pc += cc_op_length(ops, pc)) {
        if (ops[pc] != OP_TEST_IS_RET) continue;
        uint32_t target = ops[pc + 3];
        if (target == pc + 6 && target < nops && ops[target] == OP_TEST_IS_RET && ops[target + 1] == ops[pc + 1] &&
            ops[target + 3] == target + 6)
            ops[pc] = OP_TEST_IS_RET2;
    }
    /* first the opcodes, while every k is still a literal's index: an
     * OP_TEST_IS_RET2 reads its target's k, so it becomes _IMM when both
     * do, and a plain OP_TEST_IS_RET when only one does */
    int32_t imm;
    for (uint32_t pc = 0; pc < nops; pc += cc_op_length(ops, pc)) {
        vm_op op = ops[pc];
        if (op != OP_TEST_IS && op != OP_TEST_IS_RET && op != OP_TEST_IS_RET2) continue;
        bool own = small_literal(ops[pc + 2] | VM_LIT, literals, &imm);
        if (op == OP_TEST_IS) {
            if (own) ops[pc] = OP_TEST_IS_IMM;
        } else if (op == OP_TEST_IS_RET) {
            if (own) ops[pc] = OP_TEST_IS_RET_IMM;
        } else {
            bool its = small_literal(ops[ops[pc + 3] + 2] | VM_LIT, literals, &imm);
            if (own && its) ops[pc] = OP_TEST_IS_RET2_IMM;
            else if (own || its) ops[pc] = own ? OP_TEST_IS_RET_IMM : OP_TEST_IS_RET;
        }
    }
    for (uint32_t pc = 0; pc < nops; pc += cc_op_length(ops, pc))
        if ((ops[pc] == OP_TEST_IS_IMM || ops[pc] == OP_TEST_IS_RET_IMM || ops[pc] == OP_TEST_IS_RET2_IMM) &&
            small_literal(ops[pc + 2] | VM_LIT, literals, &imm))
            ops[pc + 2] = (uint32_t)(imm + 1);
}
