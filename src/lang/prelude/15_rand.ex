# :rand, OTP 25's generators bit for bit, so that a seeded sequence (and
# Enum.random/shuffle/take_random on top of it) is the one the BEAM draws.
# The reference is stdlib's rand.erl and the generators' papers
# (xorshift116**, xorshift116+, xoroshiro116+, xorshift1024*, xorshift64*,
# SplitMix64 for seeding).
#
# A state is {handler, alg_state}: the handler is a map naming the
# algorithm (type), the size of its words (bits, or max for the old
# generators that use all 64 bits unevenly) and its functions; the
# process's state lives in the process dictionary under :rand_seed, as
# OTP keeps it, and export_seed/0 gives {type, alg_state}.  Algorithms:
# exsss (the default), exrop, exsp, exsplus, exs1024s, exs1024, exs64.
defmodule :rand do
  @m58 0x3FFFFFFFFFFFFFF
  @m64 0xFFFFFFFFFFFFFFFF
  @two_pow_minus53 1.1102230246251565e-16

  # ---- seeding and the process's state ----

  def seed(alg_or_state), do: seed_put(seed_s(alg_or_state))
  def seed(alg, seed), do: seed_put(seed_s(alg, seed))

  def seed_s({handler, _alg_state} = state) when is_map(handler), do: state
  def seed_s({alg, alg_state}) when is_atom(alg), do: {handler(alg), alg_state}
  def seed_s(alg), do: seed_s(alg, default_seed())

  def seed_s(:default, seed), do: seed_s(:exsss, seed)
  def seed_s(alg, seed) do
    handler = handler(alg)
    {handler, seed_alg(alg, seed)}
  end

  def export_seed() do
    case :erlang.get(:rand_seed) do
      {%{type: alg}, alg_state} -> {alg, alg_state}
      _ -> :undefined
    end
  end

  def export_seed_s({%{type: alg}, alg_state}), do: {alg, alg_state}

  defp default_seed() do
    {:erlang.phash2([{node(), self()}]), :erlang.system_time(), :erlang.unique_integer()}
  end

  defp seed_put(state) do
    :erlang.put(:rand_seed, state)
    state
  end

  defp seed_get() do
    case :erlang.get(:rand_seed) do
      :undefined -> seed(:exsss)
      state -> state
    end
  end

  # ---- uniform numbers ----

  def uniform() do
    {x, state} = uniform_s(seed_get())
    seed_put(state)
    x
  end

  def uniform(n) do
    {x, state} = uniform_s(n, seed_get())
    seed_put(state)
    x
  end

  # a float in [0.0, 1.0): 53 bits of a word
  def uniform_s({%{uniform: uniform}, _} = state), do: uniform.(state)
  def uniform_s({%{bits: bits, next: next} = handler, r}) do
    {v, r} = next.(r)
    {:erlang.bsr(v, bits - 53) * @two_pow_minus53, {handler, r}}
  end
  def uniform_s({%{max: max, next: next} = handler, r}) do
    {v, r} = next.(r)
    {v / (max + 1), {handler, r}}
  end

  # an integer in 1..n
  def uniform_s(n, {%{uniform_n: uniform_n}, _} = state) when is_integer(n) and n >= 1 do
    uniform_n.(n, state)
  end
  def uniform_s(n, {%{bits: bits, next: next} = handler, r}) when is_integer(n) and n >= 1 do
    {v, r} = next.(r)
    fit(n, handler, r, v, :erlang.bsl(1, bits) - n, &uniform_s/2)
  end
  def uniform_s(n, {%{max: max, next: next} = handler, r}) when is_integer(n) and n >= 1 do
    {v, r} = next.(r)
    if n <= max, do: {rem(v, n) + 1, {handler, r}}, else: {trunc(v / (max + 1) * n) + 1, {handler, r}}
  end
  def uniform_s(n, state), do: :erlang.error(:function_clause, [n, state])

  # An integer in 1..range from v, one word of the generator: v itself
  # below range, else v rem range unless v falls in the incomplete top
  # block of the word's values, which is drawn again (again.(range, state)).
  # A range wider than a word takes several words (wide/4).
  defp fit(range, handler, r, v, max_minus_range, again) do
    cond do
      max_minus_range < 0 -> wide(range, handler, r, v)
      v < range -> {v + 1, {handler, r}}
      true ->
        i = rem(v, range)
        if v - i <= max_minus_range, do: {i + 1, {handler, r}}, else: again.(range, {handler, r})
    end
  end

  # Words are joined (their weak low bits dropped) until they cover the
  # range: a power of two takes the low bits, other ranges two bits more
  # than needed, and a value in the incomplete top block starts over.
  defp wide(range, %{next: next, bits: bits} = handler, r, v) do
    weak = Map.get(handler, :weak_low_bits, 0)
    shift = bits - weak
    keep = :erlang.bnot(:erlang.bsl(1, weak) - 1)
    if :erlang.band(range, range - 1) == 0 do
      {v1, r1, _} = join_words(:erlang.bsr(range, bits), next, r, v, keep, shift, bits)
      {:erlang.band(v1, range - 1) + 1, {handler, r1}}
    else
      {v1, r1, b} = join_words(:erlang.bsr(range, bits - 2), next, r, v, keep, shift, bits)
      i = rem(v1, range)
      if v1 - i <= :erlang.bsl(1, b) - range do
        {i + 1, {handler, r1}}
      else
        {v2, r2} = next.(r1)
        wide(range, handler, r2, v2)
      end
    end
  end

  defp join_words(range, _next, r, v, _keep, _shift, b) when range <= 1, do: {v, r, b}
  defp join_words(range, next, r, v, keep, shift, b) do
    {v1, r1} = next.(r)
    v = :erlang.bor(:erlang.bsl(:erlang.band(v, keep), shift), v1)
    join_words(:erlang.bsr(range, shift), next, r1, v, keep, shift, b + shift)
  end

  # a float in (0.0, 1.0]: 53 significant bits, however many leading
  # zero bits the words start with
  def uniform_real() do
    {x, state} = uniform_real_s(seed_get())
    seed_put(state)
    x
  end

  def uniform_real_s({%{bits: bits, next: next} = handler, r}) do
    {v, r} = next.(r)
    real(handler, :erlang.bsr(v, bits - 56), -56, r)
  end
  def uniform_real_s({%{max: _, next: next} = handler, r}) do
    {v, r} = next.(r)
    real(handler, :erlang.band(v, 0xFFFFFFFFFFFFFF), -56, r)
  end

  # m: a 56-bit chunk worth m * 2^exp
  defp real(handler, m, exp, r) when m >= 0x10000000000000 do
    extra = bit_length(m) - 53
    {:erlang.bsr(m, extra) * :math.pow(2.0, exp + extra), {handler, r}}
  end
  defp real(handler, 0, exp, r) do
    {v, r} = real_word(handler, r)
    real(handler, :erlang.bsr(v, real_bits(handler) - 56), exp - 56, r)
  end
  defp real(handler, m, exp, r) do
    # fewer than 53 bits: the missing ones are the top of the next word
    missing = 53 - bit_length(m)
    {v, r} = real_word(handler, r)
    m = :erlang.bor(:erlang.bsl(m, missing), :erlang.bsr(v, real_bits(handler) - missing))
    {m * :math.pow(2.0, exp - missing), {handler, r}}
  end

  defp real_word(%{bits: _, next: next}, r), do: next.(r)
  defp real_word(%{next: next}, r) do
    {v, r} = next.(r)
    {:erlang.band(v, 0xFFFFFFFFFFFFFF), r}
  end

  defp real_bits(%{bits: bits}), do: bits
  defp real_bits(_), do: 56

  defp bit_length(0), do: 0
  defp bit_length(n), do: 1 + bit_length(:erlang.bsr(n, 1))

  # ---- jumps ----

  def jump(), do: seed_put(jump(seed_get()))
  def jump({%{jump: jump}, _} = state), do: jump.(state)
  def jump({%{}, _}), do: :erlang.error(:not_implemented)

  # ---- the algorithms ----

  defp handler(:exsss) do
    %{type: :exsss, bits: 58, next: &exsss_next/1, uniform: &exsss_uniform/1,
      uniform_n: &exsss_uniform/2, jump: &xs116_jump/1}
  end
  defp handler(:exsp) do
    %{type: :exsp, bits: 58, weak_low_bits: 1, next: &exsp_next/1, uniform: &exsp_uniform/1,
      uniform_n: &exsp_uniform/2, jump: &xs116_jump/1}
  end
  defp handler(:exsplus), do: %{type: :exsplus, max: @m58, next: &exsp_next/1, jump: &xs116_jump/1}
  defp handler(:exrop) do
    %{type: :exrop, bits: 58, weak_low_bits: 1, next: &exrop_next/1, uniform: &exrop_uniform/1,
      uniform_n: &exrop_uniform/2, jump: &exrop_jump/1}
  end
  defp handler(:exs1024s), do: %{type: :exs1024s, bits: 64, weak_low_bits: 3, next: &exs1024_next/1}
  defp handler(:exs1024), do: %{type: :exs1024, max: @m64, next: &exs1024_next/1}
  defp handler(:exs64), do: %{type: :exs64, max: @m64, next: &exs64_next/1}
  defp handler(alg), do: :erlang.error(:badarg, [alg])

  # a list of integers is the state itself (masked, not all zero); an
  # integer seeds SplitMix64; a triple is the traditional seed
  defp seed_alg(alg, list) when is_list(list) and alg in [:exsss, :exsp, :exsplus, :exrop] do
    [s0, s1] = seed_nz(2, list, @m58, false)
    [s0 | s1]
  end
  defp seed_alg(alg, x) when is_integer(x) and alg in [:exsss, :exsp, :exsplus, :exrop] do
    [s0, s1] = splitmix_words(2, x, @m58)
    [s0 | s1]
  end
  defp seed_alg(:exsss, {a1, a2, a3}) do
    {_, x0} = splitmix_word(a1, @m58)
    {s0, x1} = splitmix_word(:erlang.bxor(a2, x0), @m58)
    {s1, _} = splitmix_word(:erlang.bxor(a3, x1), @m58)
    [s0 | s1]
  end
  defp seed_alg(alg, {a1, a2, a3}) when alg in [:exsp, :exsplus] do
    {_, [_ | s]} = exsp_next([lcg58(a1, 4294967197) | lcg58(a2, 4294967231)])
    {_, state} = exsp_next([lcg58(a3, 4294967279) | s])
    state
  end
  defp seed_alg(:exrop, {a1, a2, a3}) do
    [_ | s1] = exrop_step(lcg58(a1, 4294967197), lcg58(a2, 4294967231))
    exrop_step(lcg58(a3, 4294967279), s1)
  end
  defp seed_alg(alg, list) when is_list(list) and alg in [:exs1024, :exs1024s] do
    {seed_nz(16, list, @m64, false), []}
  end
  defp seed_alg(alg, x) when is_integer(x) and alg in [:exs1024, :exs1024s] do
    {splitmix_words(16, x, @m64), []}
  end
  defp seed_alg(alg, {a1, a2, a3}) when alg in [:exs1024, :exs1024s] do
    b1 = mask21((mask21(a1) + 1) * 2097131)
    b2 = mask21((mask21(a2) + 1) * 2097133)
    b3 = mask21((mask21(a3) + 1) * 2097143)
    x = :erlang.bor(:erlang.bor(:erlang.bsl(b1, 43), :erlang.bsl(b2, 22)), :erlang.bor(:erlang.bsl(b3, 1), 1))
    {xs64_words(16, x, []), []}
  end
  defp seed_alg(:exs64, list) when is_list(list) do
    [r] = seed_nz(1, list, @m64, false)
    r
  end
  defp seed_alg(:exs64, x) when is_integer(x) do
    [r] = splitmix_words(1, x, @m64)
    r
  end
  defp seed_alg(:exs64, {a1, a2, a3}) do
    {v1, _} = exs64_next(:erlang.band(a1, 0xFFFFFFFF) * 4294967197 + 1)
    {v2, _} = exs64_next(:erlang.band(a2, 0xFFFFFFFF) * 4294967231 + 1)
    {v3, _} = exs64_next(:erlang.band(a3, 0xFFFFFFFF) * 4294967279 + 1)
    rem(v1 * v2 * v3, @m64 - 1) + 1
  end
  defp seed_alg(_alg, seed), do: :erlang.error(:badarg, [seed])

  defp lcg58(a, k), do: :erlang.band(a * k + 1, @m58)
  defp mask21(x), do: :erlang.band(x, 0x1FFFFF)

  defp seed_nz(_n, [], _mask, false), do: :erlang.error(:zero_seed)
  defp seed_nz(0, [_ | _], _mask, _nz), do: :erlang.error(:too_many_seed_integers)
  defp seed_nz(0, [], _mask, _nz), do: []
  defp seed_nz(n, [], mask, true), do: [0 | seed_nz(n - 1, [], mask, true)]
  defp seed_nz(n, [s | rest], mask, nz) when is_integer(s) do
    r = :erlang.band(s, mask)
    [r | seed_nz(n - 1, rest, mask, nz or r != 0)]
  end
  defp seed_nz(_n, [_ | _], _mask, _nz), do: :erlang.error(:non_integer_seed)

  # n words of SplitMix64 from x, masked, zero words skipped
  defp splitmix_words(0, _x, _mask), do: []
  defp splitmix_words(n, x, mask) do
    {z, x} = splitmix_word(x, mask)
    [z | splitmix_words(n - 1, x, mask)]
  end

  defp splitmix_word(x, mask) do
    {z, x} = splitmix64(x)
    case :erlang.band(z, mask) do
      0 -> splitmix_word(x, mask)
      z -> {z, x}
    end
  end

  defp splitmix64(x) do
    x = :erlang.band(x + 0x9E3779B97F4A7C15, @m64)
    z = :erlang.band(:erlang.bxor(x, :erlang.bsr(x, 30)) * 0xBF58476D1CE4E5B9, @m64)
    z = :erlang.band(:erlang.bxor(z, :erlang.bsr(z, 27)) * 0x94D049BB133111EB, @m64)
    {:erlang.bxor(z, :erlang.bsr(z, 31)), x}
  end

  # x shifted left by n within a 58-bit word, and rotated
  defp shl58(x, n), do: :erlang.bsl(:erlang.band(x, :erlang.bsl(1, 58 - n) - 1), n)
  defp rotl58(x, n), do: :erlang.bor(shl58(x, n), :erlang.bsr(x, 58 - n))

  # xorshift116: the state is [s1 | s0] (OTP's order); s0 moves to the
  # front, the new s1 is computed from both
  defp xs116_step([s1 | s0]) do
    s0 = :erlang.band(s0, @m58)
    t = :erlang.bxor(:erlang.band(s1, @m58), shl58(s1, 24))
    new_s1 = :erlang.bxor(:erlang.bxor(t, s0), :erlang.bxor(:erlang.bsr(t, 11), :erlang.bsr(s0, 41)))
    {s0, [s0 | new_s1]}
  end

  # xorshift116**: ((s0 * 5) rotl 7) * 9, modulo 2^58
  defp exsss_next(state) do
    {s0, state} = xs116_step(state)
    a = :erlang.band(s0 * 5, @m58)
    b = rotl58(a, 7)
    {:erlang.band(b * 9, @m58), state}
  end

  # xorshift116+: s0 + new s1
  defp exsp_next(state) do
    {s0, [_ | new_s1] = state} = xs116_step(state)
    {:erlang.band(s0 + new_s1, @m58), state}
  end

  defp exsss_uniform({handler, r}) do
    {v, r} = exsss_next(r)
    {:erlang.bsr(v, 5) * @two_pow_minus53, {handler, r}}
  end

  defp exsss_uniform(range, {handler, r}) do
    {v, r} = exsss_next(r)
    fit(range, handler, r, v, @m58 + 1 - range, &exsss_uniform/2)
  end

  defp exsp_uniform({handler, r}) do
    {v, r} = exsp_next(r)
    {:erlang.bsr(v, 5) * @two_pow_minus53, {handler, r}}
  end

  defp exsp_uniform(range, {handler, r}) do
    {v, r} = exsp_next(r)
    fit(range, handler, r, v, @m58 + 1 - range, &exsp_uniform/2)
  end

  # 2^64 steps of xorshift116: the states at the bits of the jump
  # polynomial, xored
  defp xs116_jump({handler, state}) do
    {state, acc} = xs116_jump_word(state, [0 | 0], 0x02F8EA6BC32C797, 58)
    {_, acc} = xs116_jump_word(state, acc, 0x345D2A0F85F788C, 58)
    {handler, acc}
  end

  defp xs116_jump_word(state, acc, _j, 0), do: {state, acc}
  defp xs116_jump_word([s0 | s1] = state, [a0 | a1] = acc, j, n) do
    {_, next} = exsp_next(state)
    acc = if :erlang.band(j, 1) == 1, do: [:erlang.bxor(a0, s0) | :erlang.bxor(a1, s1)], else: acc
    xs116_jump_word(next, acc, :erlang.bsr(j, 1), n - 1)
  end

  # xoroshiro116+
  defp exrop_step(s0, s1) do
    t = :erlang.bxor(s1, s0)
    [:erlang.bxor(:erlang.bxor(rotl58(s0, 24), t), shl58(t, 2)) | rotl58(t, 35)]
  end

  defp exrop_next([s0 | s1]), do: {:erlang.band(s0 + s1, @m58), exrop_step(s0, s1)}

  defp exrop_uniform({handler, r}) do
    {v, r} = exrop_next(r)
    {:erlang.bsr(v, 5) * @two_pow_minus53, {handler, r}}
  end

  defp exrop_uniform(range, {handler, r}) do
    {v, r} = exrop_next(r)
    fit(range, handler, r, v, @m58 + 1 - range, &exrop_uniform/2)
  end

  # 2^64 steps of xoroshiro116+, the jump polynomial's 116 bits low first
  defp exrop_jump({handler, state}) do
    {handler, exrop_jump(state, 0, 0, 0x9863200F83FCD4A11293241FCB12A, 116)}
  end

  defp exrop_jump(_state, a0, a1, _j, 0), do: [a0 | a1]
  defp exrop_jump([s0 | s1], a0, a1, j, n) do
    next = exrop_step(s0, s1)
    if :erlang.band(j, 1) == 1 do
      exrop_jump(next, :erlang.bxor(a0, s0), :erlang.bxor(a1, s1), :erlang.bsr(j, 1), n - 1)
    else
      exrop_jump(next, a0, a1, :erlang.bsr(j, 1), n - 1)
    end
  end

  # xorshift1024*: a ring of 16 words as {forward, reversed} lists
  defp exs1024_next({[s0, s1 | rest], reversed}) do
    t = :erlang.bxor(s1, :erlang.bsl(:erlang.band(s1, 0x1FFFFFFFF), 31))
    t = :erlang.bxor(t, :erlang.bsr(t, 11))
    new_s1 = :erlang.bxor(:erlang.bxor(s0, :erlang.bsr(s0, 30)), t)
    {:erlang.band(new_s1 * 1181783497276652981, @m64), {[new_s1 | rest], [s0 | reversed]}}
  end
  defp exs1024_next({[h], reversed}), do: exs1024_next({[h | :lists.reverse(reversed)], []})

  defp xs64_words(0, _x, acc), do: acc
  defp xs64_words(n, x, acc) do
    {v, x} = exs64_next(x)
    xs64_words(n - 1, x, [v | acc])
  end

  # xorshift64*
  defp exs64_next(r) do
    r1 = :erlang.bxor(r, :erlang.bsr(r, 12))
    r2 = :erlang.bxor(r1, :erlang.bsl(:erlang.band(r1, 0x7FFFFFFFFF), 25))
    r3 = :erlang.bxor(r2, :erlang.bsr(r2, 27))
    {:erlang.band(r3 * 2685821657736338717, @m64), r3}
  end
end
