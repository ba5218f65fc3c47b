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
 *   OP_ADD d a b;     OP_RET d      -> OP_ADD_RET       (a + b as the last expression)
 *   OP_SUB d a b;     OP_RET d      -> OP_SUB_RET
 *   OP_ADD d a b;     OP_CALL ...   -> OP_ADD_CALL      (f(n + 1))
 *   OP_SUB d a b;     OP_CALL ...   -> OP_SUB_CALL
 *
 * and then an OP_TEST_IS_RET that jumps, when its test fails, to another
 * OP_TEST_IS_RET of the same register becomes OP_TEST_IS_RET2, which runs
 * both tests (def f(0), do: ...; def f(1), do: ...).
 */
#include "compiler.h"

void cc_fuse(uint32_t *ops, uint32_t nops)
{
    for (uint32_t pc = 0; pc < nops;) {
        uint32_t len = cc_op_length(ops, pc), next = pc + len;
        if (next < nops && ops[next] == OP_CALL) {
            if (ops[pc] == OP_ADD) ops[pc] = OP_ADD_CALL;
            else if (ops[pc] == OP_SUB) ops[pc] = OP_SUB_CALL;
        }
        if (next < nops && ops[next] == OP_RET) {
            switch ((vm_op)ops[pc]) {
            case OP_TEST_IS: ops[pc] = OP_TEST_IS_RET; break;
            case OP_ADD:
                if (ops[next + 1] == ops[pc + 1]) ops[pc] = OP_ADD_RET;
                break;
            case OP_SUB:
                if (ops[next + 1] == ops[pc + 1]) ops[pc] = OP_SUB_RET;
                break;
            default: break;
            }
        }
        pc = next;
    }
    for (uint32_t pc = 0; pc < nops; pc += cc_op_length(ops, pc)) {
        if (ops[pc] != OP_TEST_IS_RET) continue;
        uint32_t target = ops[pc + 3];
        if (target < nops && ops[target] == OP_TEST_IS_RET && ops[target + 1] == ops[pc + 1])
            ops[pc] = OP_TEST_IS_RET2;
    }
}
