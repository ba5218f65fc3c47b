# tests/phash/gen_vectors.exs
#
# Writes tests/phash/vectors.txt: terms of every type with the hashes the
# BEAM gives them, for ciex's :erlang.phash2/1,2 and :erlang.phash/2.
# Every expected number is computed here by the running Erlang/OTP; nothing
# is written by hand.  Remote pids, ports and references are assembled as
# ETF bytes and decoded by OTP, as a peer's would be.
#
# Rerun from the repository root (Erlang/OTP 25, Elixir 1.14):
#
#   elixir tests/phash/gen_vectors.exs
#
# Columns (tab separated): name, hex of :erlang.term_to_binary(term,
# minor_version: 2), phash2(term), phash2(term, 4294967296) (the full 32-bit
# hash), phash2(term, 1000), phash(term, 4294967296), phash(term, 1000).

defmodule PhashVec.M do
  def f(x), do: fn y -> x + y end
  def g(a, b, c), do: fn -> {a, b, c} end
  def h, do: fn -> :ok end
end

defmodule PhashVec do
  import Bitwise

  def su8(a), do: <<119, byte_size(a), a::binary>>
  def new_pid(node, id, ser, cr), do: <<131, 88, su8(node)::binary, id::32, ser::32, cr::32>>
  def old_pid(node, id, ser, cr), do: <<131, 103, su8(node)::binary, id::32, ser::32, cr::8>>
  def new_port(node, id, cr), do: <<131, 89, su8(node)::binary, id::32, cr::32>>
  def v4_port(node, id, cr), do: <<131, 120, su8(node)::binary, id::64, cr::32>>
  def newer_ref(node, cr, ws),
    do: <<131, 90, length(ws)::16, su8(node)::binary, cr::32, (for w <- ws, into: <<>>, do: <<w::32>>)::binary>>

  def dec(b), do: :erlang.binary_to_term(b)

  def ints do
    small = [0, 1, -1, 2, 42, 97, 255, 256, -255, -256, 1000, -1000, 65535, 65536,
             (1 <<< 27) - 1, 1 <<< 27, -(1 <<< 27), -(1 <<< 27) - 1,
             (1 <<< 28) - 1, 1 <<< 28, (1 <<< 31) - 1, 1 <<< 31, -(1 <<< 31),
             (1 <<< 32) - 1, 1 <<< 32, -(1 <<< 32), (1 <<< 59) - 1, 1 <<< 59,
             -(1 <<< 59), 1 <<< 60, (1 <<< 63) - 1, 1 <<< 63, -(1 <<< 63),
             (1 <<< 64) - 1, 1 <<< 64, -(1 <<< 64), (1 <<< 64) + 1,
             1 <<< 95, 1 <<< 96, 1 <<< 127, 1 <<< 128, -(1 <<< 128),
             12_345_678_901_234_567_890_123_456_789, -98_765_432_109_876_543_210,
             Integer.pow(10, 40), -Integer.pow(7, 77), Integer.pow(3, 300)]
    for i <- small, do: {"int #{i}", i}
  end

  def floats do
    for f <- [0.0, -0.0, 1.0, -1.0, 0.5, -1.5, 3.14159, 2.0e-10, 1.0e300, -1.0e300,
              5.0e-324, 9_007_199_254_740_992.0, 123_456.789, 42.0, 97.0],
        do: {"float #{inspect(f)}", f}
  end

  def atoms do
    names = [:a, :b, :ok, :error, nil, true, false, :undefined, :"", :abcdefghijklmnop,
             :"Elixir.Enum", :"hello world", :"héllo", :"ÿ", :"é", :"Ω", :"日本語",
             :"ñandú", :"ß", :"€", :"😀", :"x\u0080y",
             String.to_atom(String.duplicate("z", 255)),
             String.to_atom(String.duplicate("é", 255))]
    for a <- names, do: {"atom #{inspect(a)}", a}
  end

  def binaries do
    bins = ["", "a", "ab", "abc", "abcd", "hello", "hello world", String.duplicate("x", 11),
            String.duplicate("y", 12), String.duplicate("z", 13), String.duplicate("q", 24),
            String.duplicate("r", 25), "héllo", <<0, 255, 128, 1>>,
            :binary.copy(<<1, 2, 3, 4, 5, 6, 7>>, 150), binary_part("abcdefghij", 3, 5),
            <<1::1>>, <<0::1>>, <<5::3>>, <<255, 3::3>>, <<1::7>>, <<"abc", 127::7>>,
            <<"0123456789ab", 1::1>>, <<"0123456789abc", 5::4>>, <<0::2>>]
    for b <- bins, do: {"bits #{inspect(b)}", b}
  end

  def lists do
    ls = [[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4], [1, 2, 3, 4, 5], ~c"abc", ~c"hello world",
          [255], [256], [255, 256, 0], [-1], [1.0], [:a], [:a, :b], [[]], [[], []], [[1], [2]],
          [1 | 2], [:a | :b], [1, 2 | 3], [1, 2, 3, 4, 5 | 6], [:x | []], [[] | []], [1 | :a],
          ["abc"], [1, :a, 2, 3], [{1, 2}], [%{}], [[1, 2], 3, [4 | 5]],
          Enum.to_list(0..300), Enum.to_list(250..260), [-5, 5], [1 | "bin"], [nil | nil]]
    for l <- ls, do: {"list #{inspect(l, charlists: :as_lists)}", l}
  end

  def tuples do
    ts = [{}, {1}, {:a}, {[]}, {:a, :b}, {1, 2, 3}, {{}}, {{1}, {2, 3}}, {"a", ~c"b", :c},
          {[], [], []}, {nil, true, false}, {1.5, -2, 1 <<< 70}, List.to_tuple(Enum.to_list(1..40)),
          {:ok, %{a: 1}}, {[1 | 2]}]
    for t <- ts, do: {"tuple #{inspect(t)}", t}
  end

  def maps do
    ms = [%{}, %{a: 1}, %{1 => 2}, %{[] => []}, %{:a => :b, :c => :d}, %{"k" => "v"},
          %{1 => :a, 2 => :b, 3 => :c}, %{{1, 2} => [3], %{} => %{}, 1.0 => 2},
          %{a: %{b: %{c: 1}}}, %{[] => 1}, %{nil => nil}, %{1 <<< 80 => -(1 <<< 80)},
          Map.new(1..32, &{&1, &1 * &1}), Map.new(1..33, &{&1, &1 * &1}),
          Map.new(1..100, &{&1, -&1}), Map.new(1..40, &{:"key#{&1}", &1}),
          Map.new(1..50, &{"s#{&1}", [&1]}), Map.new(1..1000, &{&1, &1}),
          %{m: Map.new(1..40, &{&1, &1})}, %{l: [Map.new(1..33, &{&1, :x})]}]
    for {m, i} <- Enum.with_index(ms), do: {"map #{i} size #{map_size(m)} #{String.slice(inspect(m), 0, 60)}", m}
  end

  def pids do
    [{"pid remote 117.0", dec(new_pid("foo@pathfinder", 117, 0, 1234))},
     {"pid remote 42.3", dec(new_pid("bar@host", 42, 3, 7))},
     {"pid remote 42.0 other node", dec(new_pid("baz@other", 42, 0, 9))},
     {"pid remote 0.0", dec(new_pid("foo@pathfinder", 0, 0, 1))},
     {"pid remote 32767.8191", dec(new_pid("foo@pathfinder", 32767, 8191, 1))},
     {"pid remote 65536.1", dec(new_pid("foo@pathfinder", 65536, 1, 1))},
     {"pid remote big id", dec(new_pid("foo@pathfinder", 0x0FFFFFFF, 5, 1))},
     {"pid remote old PID_EXT", dec(old_pid("foo@pathfinder", 300, 2, 3))},
     {"pid in tuple", {:pid, dec(new_pid("foo@pathfinder", 117, 0, 1234))}},
     {"pid local", :erlang.list_to_pid(~c"<0.117.0>")},
     {"pid local 0.80.3", :erlang.list_to_pid(~c"<0.80.3>")}]
  end

  def ports do
    [{"port remote 5", dec(new_port("foo@pathfinder", 5, 1234))},
     {"port remote 70000", dec(new_port("foo@pathfinder", 70000, 2))},
     {"port remote v4 small", dec(v4_port("foo@pathfinder", 9, 2))},
     {"port remote v4 big", dec(v4_port("foo@pathfinder", 0x1234_5678_9ABC, 2))},
     {"port local", :erlang.list_to_port(~c"#Port<0.5>")}]
  end

  def refs do
    [{"ref remote 3 words", dec(newer_ref("foo@pathfinder", 1234, [1, 2, 3]))},
     {"ref remote 3 words other", dec(newer_ref("foo@pathfinder", 1234, [0x3FFFF, 0xFFFFFFFF, 77]))},
     {"ref remote 1 word", dec(newer_ref("foo@pathfinder", 1, [77]))},
     {"ref remote 5 words", dec(newer_ref("foo@pathfinder", 1, [10, 20, 30, 40, 50]))},
     {"ref remote same first word", dec(newer_ref("bar@host", 5, [1, 99, 98]))},
     {"ref local", :erlang.list_to_ref(~c"#Ref<0.1.2.3>")},
     {"ref local big", :erlang.list_to_ref(~c"#Ref<0.3392802577.3097493506.125676>")}]
  end

  def funs do
    [{"fun closure f(1)", PhashVec.M.f(1)}, {"fun closure f(:a)", PhashVec.M.f(:a)},
     {"fun closure g", PhashVec.M.g(1, [2], {3})}, {"fun no env", PhashVec.M.h()},
     {"export Enum.map/2", &Enum.map/2}, {"export erlang.phash2/1", &:erlang.phash2/1},
     {"export lists.reverse/1", &:lists.reverse/1}, {"export in list", [&Enum.map/2, 1]}]
  end

  def mixed do
    [{"nested", {:a, [1, %{b: "c"}, {2.0, [3 | 4]}], <<1::3>>}},
     {"keyword", [a: 1, b: 2]}, {"struct-like", %{__struct__: Foo, x: 1}},
     {"deep list", Enum.reduce(1..50, [], &[&1 | [&2]])},
     {"deep tuple", Enum.reduce(1..50, :leaf, &{&1, &2})}]
  end

  def run do
    all = ints() ++ floats() ++ atoms() ++ binaries() ++ lists() ++ tuples() ++ maps() ++
            pids() ++ ports() ++ refs() ++ funs() ++ mixed()
    lines =
      for {name, t} <- all do
        hex = Base.encode16(:erlang.term_to_binary(t, minor_version: 2), case: :lower)
        name = String.replace(name, ~r/[\t\n]/, " ")
        Enum.join([name, hex, :erlang.phash2(t), :erlang.phash2(t, 4_294_967_296),
                   :erlang.phash2(t, 1000), :erlang.phash(t, 4_294_967_296),
                   :erlang.phash(t, 1000)], "\t")
      end
    header = """
    # ciex phash vectors -- GENERATED by tests/phash/gen_vectors.exs on
    # Erlang/OTP #{System.otp_release()} / Elixir #{System.version()}.  Do not edit by hand.
    # name<TAB>hex of term_to_binary<TAB>phash2/1<TAB>phash2 2^32<TAB>phash2 1000<TAB>phash 2^32<TAB>phash 1000
    """
    File.write!("tests/phash/vectors.txt", header <> Enum.join(lines, "\n") <> "\n")
    IO.puts("#{length(lines)} vectors")
  end
end

PhashVec.run()
