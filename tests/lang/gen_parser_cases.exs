# tests/lang/gen_parser_cases.exs
#
# Generates tests/lang/parser_cases.txt, the expectations for the ciex
# parser (src/lang/lexer.c, src/lang/parser.c), from the real Elixir 1.14:
#
#   - for every valid snippet, the external term format of
#     Code.string_to_quoted!(snippet), i.e. the AST with [line: N] meta;
#   - for every invalid snippet, what Code.string_to_quoted(snippet)
#     returns: {:error, {[line: L, column: C], message, token}}.
#
# Nothing expected is written by hand: the script aborts if a snippet
# listed as valid fails to parse, or one listed as invalid parses.
#
# Run from the repository root:
#
#   elixir tests/lang/gen_parser_cases.exs
#
# Written for Elixir 1.14.0 on Erlang/OTP 25.

defmodule ParserCases do
  # ---- valid snippets -------------------------------------------------
  #
  # Most snippets sit in heredocs, one after another, separated by lines
  # holding only "---".  Snippets that need characters a heredoc cannot
  # hold are in the explicit lists after them.

  @literals ~S"""
1
---
0
---
1_000
---
1_000_000_000_000_000_000_000
---
123456789012345678901234567890123456789
---
0x1F
---
0xff_ff
---
0b101
---
0b1_0
---
0o17
---
0o7_7
---
1.0
---
1.0e-5
---
1.0E5
---
1.5e+10
---
1_000.5
---
3.14159
---
0.1
---
1.0e-400
---
?a
---
?\n
---
?\s
---
?é
---
?\\
---
?)
---
:a
---
:ok?
---
:foo!
---
:foo@pathfinder
---
:"COOKIE-0123456789"
---
:"foo bar"
---
:"quoted"
---
:""
---
:Foo
---
:+
---
:-
---
:*
---
:/
---
:"::"
---
:::
---
:==
---
:===
---
:!==
---
:<>
---
:++
---
:..
---
:...
---
:..//
---
:<<>>
---
:%{}
---
:%
---
:{}
---
:&&
---
:||
---
:|>
---
:->
---
:<-
---
:\\
---
:@
---
:!
---
:^
---
:&
---
:=
---
:|
---
:.
---
:<
---
:>=
---
:~>>
---
:<<<
---
:"a\nb"
---
:"foo#{1}"
---
:"foo#{x}bar"
---
true
---
false
---
nil
---
KV
---
Foo.Bar
---
Foo.Bar.Baz
---
__MODULE__
---
__MODULE__.Foo
---
Elixir.Foo
---
"abc"
---
""
---
"a\nb"
---
"tab\there"
---
"\a\b\d\e\f\n\r\s\t\v\0"
---
"\x41\x{42}\u0043\u{44}"
---
"\u00e9"
---
"\"quoted\""
---
"back\\slash"
---
"unknown \q escape"
---
"é"
---
"日本語"
---
"a#{b}c"
---
"#{a}"
---
"#{}"
---
"#{a;b}"
---
"#{a}#{b}"
---
"x #{inspect(process)} y #{inspect(reason)}"
---
"DOWN #{inspect(process)} for reason #{inspect(reason)}"
---
"nested #{"inner #{x}"}"
---
"#{1 + 2}"
---
"#{%{a: 1}}"
---
"\#{not interpolated}"
---
"line1
line2"
---
"continued \
line"
---
'abc'
---
''
---
'a\nb'
---
'é'
---
'a#{b}c'
---
'#{x}'
---
~w(a b c)
---
~w(a b c)a
---
~w[one two]
---
~w{x y}
---
~w<x y>
---
~w/x y/
---
~w|x y|
---
~w"x y"
---
~w'x y'
---
~s(hello)
---
~s(hello #{name})
---
~s(a\nb)
---
~s(a\)b)
---
~S(a#{b}\n)
---
~c(abc)
---
~c(a#{1})
---
~r/foo|bar/
---
~r/a+/i
---
~r{a}u
---
~D[2020-01-01]
---
~s""
---
~w()
"""

  @heredocs ~S'''
"""
abc
"""
---
"""
  indented
    more
  """
---
"""
  a
   b
  #{x}
  c
  """
---
@moduledoc """
A simple key-value server.
"""
---
"""
"""
---
"""
line \
joined
"""
---
"""
  with "quotes" inside
  """
---
"""
  escaped \""" triple
  """
---
x = """
    body
    """
---
~S"""
raw #{x}
"""
---
~s"""
  a #{b}
  """
---
"""
\tx
"""
---
"""   
trailing spaces after the opening
"""
---
"""
  less
 indented
  """
---
"""
  #{a}#{b}
  """
'''

  @collections ~S"""
{}
---
{1}
---
{1, 2}
---
{1, 2, 3}
---
{:ok, %{}}
---
{1, a: 2}
---
{1, 2, a: 3}
---
{
  1,
  2
}
---
[]
---
[1]
---
[1, 2, 3]
---
[1, 2,]
---
[h | t]
---
[1, 2 | rest]
---
[a: 1]
---
[a: 1, b: 2]
---
[1, a: 2]
---
[1, 2, a: 3, b: 4]
---
["a b": 1]
---
["a#{x}": 1]
---
[do: 1]
---
[else: 1, do: 2]
---
[a: 1,]
---
[
  1,
  2
]
---
[
  a: 1,
  b: 2
]
---
%{}
---
%{a: 1}
---
%{a: 1, b: 2}
---
%{"a" => 1}
---
%{1 => 2, 3 => 4}
---
%{a => 1, b: 2}
---
%{m | a: 2}
---
%{m | a: 2, b: 3}
---
%{m | "a" => 1}
---
%{m | "a" => 1, "b" => 2}
---
%{m | "a" => 1, b: 2}
---
%{state | key => value}
---
%{a}
---
%{m | a}
---
%{{:a, 1} => [1, 2]}
---
%{a: %{b: 1}}
---
%{
  a: 1,
  b: 2
}
---
%{"a" => 1,}
---
%S{}
---
%S{a: 1}
---
%Foo.Bar{a: 1}
---
%__MODULE__{}
---
%__MODULE__{a: 1}
---
%S{s | a: 1}
---
%struct{}
---
%@attr{}
---
%^mod{}
---
<<>>
---
<<1, 2, 3>>
---
<<a::8>>
---
<<a::size(8), b::binary>>
---
<<b::binary-size(3), rest::binary>>
---
<<x::little-signed-integer-size(32)>>
---
<<"abc", 0>>
---
<<h, t::binary>> = "abc"
---
<<a::utf8>>
---
a..b
---
1..10
---
1..10//2
---
a..b//c
---
..
---
first..last//step
---
x[1]
---
x[:a][:b]
---
x["k"]
---
x[a: 1]
---
x[1,]
---
x.y[1]
---
foo(1)[2]
---
%{a: 1}[:a]
---
{1, 2}[0]
---
"abc"[0]
---
@attr[:key]
---
@a[1].b
"""

  @operators ~S"""
1 + 2
---
1 - 2
---
1 * 2
---
1 / 2
---
1 + 2 * 3
---
(1 + 2) * 3
---
1 - 2 - 3
---
2 ** 3
---
2 ** 3 ** 4
---
-x ** 2
---
-1
---
- 1
---
+1
---
-a
---
!a
---
!a == b
---
not a
---
not a == b
---
x = not a
---
^pinned
---
^a = b
---
~~~a
---
a - -b
---
1 - -1
---
a -1
---
a - 1
---
a -b
---
a -1, 2
---
1 -b
---
a.b -1
---
a ++ b
---
a ++ b ++ c
---
a -- b
---
a <> b
---
a <> b <> c
---
a +++ b
---
a == b
---
a != b
---
a === b
---
a !== b
---
a < b
---
a > b
---
a <= b
---
a >= b
---
a =~ b
---
a and b
---
a or b
---
a and b or c
---
a or b and c
---
a && b
---
a || b
---
a || b && c
---
a &&& b
---
a ||| b
---
a ^^^ b
---
a in b
---
a not in b
---
not a in b
---
!a in b
---
a in b..c
---
a + b in c
---
a |> b
---
a |> b() |> c
---
a |> b |> c
---
x |> f 1
---
f a |> g
---
a ~> b
---
a <~ b
---
a <<< b
---
a >>> b
---
a <~> b
---
a <|> b
---
a <<~ b
---
a ~>> b
---
a = b
---
a = b = c
---
{a, b} = {1, 2}
---
[h | t] = list
---
a = b when c
---
a when b when c
---
x :: y :: z
---
a :: b | c
---
a | b :: c
---
a when b :: c
---
a <- b
---
a <- b = c
---
x \\ y
---
x \\ y = z
---
a..b..c
---
a..b//c..d
---
a ++ b ++ c..d
---
a |> b = c
---
&1
---
& &1
---
& &1 + 1
---
&(&1 + &2)
---
&(&1)
---
&Mod.fun/2
---
&fun/1
---
&+/2
---
&Kernel.+/2
---
&!/1
---
&&&/2
---
&a.b/1
---
a = &b/1
---
&a = b
---
&{&1, &2}
---
&[&1 | &2]
---
&1.foo
---
@foo
---
@foo bar
---
@foo.bar
---
@foo.bar(1)
---
@foo.bar 1
---
@a ++ b
---
@a b, c
---
@spec foo(integer) :: integer
---
@impl true
---
@doc false
---
-a.b
---
!a.b(1)
---
-a[1]
---
-a.b[1]
---
a.b.c
---
a.b.c.d
---
a + b.c
---
-(1 + 2)
---
a ** b ** c
---
1 + 2 == 3 and 4 > 3
---
a = b |> c || d
---
a <> b == c
---
a != b and c === d
---
x = y = z + 1 * 2 ** 3
"""

  @calls ~S"""
foo()
---
foo(1)
---
foo(1, 2)
---
foo(a: 1)
---
foo(1, a: 2)
---
foo(1, a: 2, b: 3)
---
foo(a: 1,)
---
foo(
  1,
  2
)
---
foo(f a, b)
---
foo(g a)
---
foo(1)(2)
---
foo.()
---
foo.(1, 2)
---
foo.()()
---
f.(x).(y)
---
fn -> 1 end.()
---
Mod.fun
---
Mod.fun()
---
Mod.fun(1)
---
Mod.fun 1
---
Mod.fun 1, 2
---
Foo.Bar.baz(1)
---
:erlang.foo
---
:erlang.foo(1)
---
:global.registered_names
---
:global.whereis_name :agent1
---
mod.fun
---
mod.fun(1)
---
a.b.c(1)
---
a.b.c 1, 2
---
a.b c
---
A.b c, d
---
Kernel.+(1, 2)
---
Kernel.==(a, b)
---
a."quoted call"()
---
a."quoted"
---
Foo.{A, B}
---
alias Foo.{A, B}
---
foo bar
---
foo bar, baz
---
foo bar baz
---
foo bar baz, qux
---
foo :a, :b
---
foo [1]
---
foo (1)
---
foo.bar [1]
---
foo "x"
---
foo 'x'
---
foo ~w(a)
---
foo {1, 2}
---
foo %{a: 1}
---
foo <<1>>
---
foo fn -> 1 end
---
foo @a
---
foo &bar/1
---
foo !a
---
foo not a
---
foo ?a
---
foo 1.5
---
foo true
---
foo nil
---
foo Bar
---
foo ...
---
a ... b
---
x.()
 ()
---
case x do 1 -> 2; 3 end
---
...
---
foo a: 1
---
foo a: 1, b: 2
---
foo 1, a: 2
---
foo a, b: 1
---
foo "a b": 1
---
foo a + b
---
foo a = b
---
foo a |> b
---
foo x when y
---
raise "boom"
---
IO.puts "x"
---
IO.puts("x")
---
Node.connect :foo@pathfinder
---
self
---
self()
---
flush
---
if a, do: b
---
if a, do: b, else: c
---
if(a, do: b, else: c)
---
def f(x), do: x
---
def f(x \\ 1), do: x
---
defp f(x) when x > 0, do: x
---
unquote_splicing(x)
---
quote do: unquote_splicing(x)
---
foo(unquote_splicing(x))
---
case x, do: (1 -> 2)
---
x = foo bar do 1 end
---
a + foo b do end
---
foo(bar do end)
---
[foo do end]
---
foo a, bar do end
"""

  @blocks ~S"""
foo do end
---
foo do
end
---
foo do 1 end
---
foo(1) do 2 end
---
foo 1 do 2 end
---
foo bar do end
---
foo bar baz do end
---
foo x do end
---
foo bar(1) do end
---
foo(1)(2) do end
---
a.b do end
---
a.b c do end
---
foo a, b do :x else :y end
---
foo do
else
end
---
foo do
  1
else
  2
end
---
if a do
  b
end
---
if a do
  b
else
  c
end
---
unless a do b end
---
cond do
  a -> 1
  true -> 2
end
---
case x do
  1 -> :a
  2 ->
    b
    c
end
---
case x do
  {:ok, v} when v > 0 -> v
  _ -> nil
end
---
case x do
  a, b -> 1
end
---
try do
  a
rescue
  e in RuntimeError -> e
catch
  x -> x
after
  z
end
---
try do
  a
rescue
  _ -> :error
end
---
receive do
  {:a, x} -> x
after
  1000 -> :timeout
end
---
receive do
  msg -> msg
end
---
with {:ok, a} <- f(),
     {:ok, b} <- g(a) do
  a + b
else
  _ -> :error
end
---
for x <- [1, 2], y <- [3], do: x * y
---
for x <- list, x > 1 do
  x
end
---
fn -> end
---
fn -> 1 end
---
fn x -> x end
---
fn x, y -> x + y end
---
fn x, y -> x; z -> 1; 2 end
---
fn x when x > 1 -> x end
---
fn (x, y) when x -> 1 end
---
fn (x, y) -> 1 end
---
fn () -> 1 end
---
fn () when x -> 1 end
---
fn -> !a end
---
fn x ->
  y = x
  y
end
---
fn
  1 -> :one
  _ -> :other
end
---
fn {a, b} -> a end
---
fn a: 1 -> a end
---
fn x, y when x > y -> x end
---
fn subscribers -> Enum.member?(subscribers, sender) end
---
(1)
---
(1; 2)
---
(1
2)
---
(!a)
---
(not a)
---
()
---
(;)
---
((1; 2))
---
(a -> b)
---
(a -> b; c -> d)
---
(
  1
)
---
(a;)
---
(;a)
---
1; 2
---
1
2
---
a
b
c
---
a;
---
;a
---

1

---
a;b;c
"""

  @newlines ~S"""
1 +
2
---
1
+ 2
---
1
* 2
---
a
|> b
---
a
|> b
|> c
---
a =
  1
---
a
and b
---
a
or b
---
a
when b
---
a
in b
---
foo
.bar
---
foo.
bar
---
foo.
  # comment
  bar
---
[1,
2]
---
foo(1,
2)
---
%{a:
1}
---
%{"a" =>
1}
---
[
1
]
---
foo bar,
  baz
---
fn x
-> x end
---
1 # comment
---
# only a comment
---
# comment
1
---
1
# comment
2
---
#iex:break
---
foo # trailing
---
a \
+ b
---
a =
  # comment
  1
---
x = 1
y = 2
z = x + y
---
a;
b
---
a
;b
"""

  @definitions ~S"""
defmodule Foo do
end
---
defmodule Foo do
  def bar, do: :ok
end
---
defmodule Foo.Bar do
  @moduledoc false
  use GenServer
  alias Foo.Baz
  alias Foo.Baz, as: B
  import Enum, only: [map: 2]
  require Logger
  defstruct [:a, b: 1]
end
---
defmodule E do
  defexception message: "oops"
end
---
defmodule E do
  defexception [:message]
end
---
def f(0), do: 1
def f(n) when n > 0, do: n * f(n - 1)
---
def f(a, b \\ 2) do
  a + b
end
---
defp helper(x) do
  x
end
---
def handle_call({:get, key}, _, state) do
  {:reply, Map.get(state, key), state}
end
---
defmacro m(x) do
  quote do
    unquote(x) + 1
  end
end
---
defstruct name: nil, age: 0
---
@type t :: %__MODULE__{name: String.t()}
---
@spec f(integer) :: integer when integer: var
---
@callback f(term) :: :ok
---
use GenServer
---
alias Foo.Bar, as: Baz
---
import Kernel, except: [+: 2]
---
require Logger
---
@impl true
def init(_) do
  {:ok, %{}}
end
"""

  @article_modules [
    ~S'''
defmodule KV do
use GenServer
@moduledoc """
A simple key-value server.
"""
@impl true
def init(_) do
{:ok, %{}}
end
@impl true
def handle_call({:get, key}, _, state) do
{:reply, Map.get(state, key), state}
end
@impl true
def handle_call({:set, key, value}, _, state) do
{:reply, {key, value}, Map.put(state, key, value)}
end
@impl true
def handle_call(:keys, _, state) do
{:reply, Map.keys(state), state}
end
end
''',
    ~S'''
defmodule PS do
use GenServer
@moduledoc """
A simple publish-subscribe server
"""
@impl true
def init(_) do
{:ok, %{}}
end
@impl true
def handle_call({:subscribe, topic}, {sender, _call}, state) do
new_state =
Map.update(state, topic, [sender], fn subscribers ->
if Enum.member?(subscribers, sender) do
subscribers
else
[sender | subscribers]
end
end)
{:reply, {:subscribed, topic, sender}, new_state}
end
@impl true
def handle_call({:unsubscribe, topic}, {sender, _call}, state) do
new_state =
Map.update(state, topic, [], fn subscribers ->
Enum.reject(subscribers, fn x -> x == sender end)
end)
{:reply, {:unsubscribed, topic, sender}, new_state}
end
@impl true
def handle_call({:subscribers, topic}, _sender, state) do
subscribers = Map.get(state, topic, [])
{:reply, subscribers, state}
end
@impl true
def handle_call({:broadcast, topic, message}, {sender, _call}, state) do
Map.get(state, topic, [])
|> Enum.each(fn subscriber ->
if subscriber != sender do
Process.send(subscriber, message, [])
end
end)
{:reply, {:sent, topic, message}, state}
end
end
''',
    ~S'''
defmodule PS do
use GenServer
@moduledoc """
A simple publish-subscribe server
"""
@impl true
def init(_) do
{:ok, %{}}
end
@impl true
def handle_call({:subscribe, topic}, {sender, _call}, state) do
new_state =
Map.update(state, topic, [sender], fn subscribers ->
if Enum.member?(subscribers, sender) do
subscribers
else
[sender | subscribers]
end
end)
Process.monitor(sender)
{:reply, {:subscribed, topic, sender}, new_state}
end
@impl true
def handle_call({:unsubscribe, topic}, {sender, _call}, state) do
new_state =
Map.update(state, topic, [], fn subscribers ->
Enum.reject(subscribers, fn x -> x == sender end)
end)
{:reply, {:unsubscribed, topic, sender}, new_state}
end
@impl true
def handle_call({:subscribers, topic}, _sender, state) do
subscribers = Map.get(state, topic, [])
{:reply, subscribers, state}
end
@impl true
def handle_call({:broadcast, topic, message}, {sender, _call}, state) do
Map.get(state, topic, [])
|> Enum.each(fn subscriber ->
if subscriber != sender do
Process.send(subscriber, message, [])
end
end)
{:reply, {:sent, topic, message}, state}
end
@impl true
def handle_info({:DOWN, _ref, :process, process, reason}, state) do
IO.puts("DOWN #{inspect(process)} for reason #{inspect(reason)}")
new_state =
Map.new(state, fn {topic, subscribers} ->
{topic, Enum.reject(subscribers, fn subscriber -> subscriber == process end)}
end)
{:noreply, new_state}
end
end
''',
    # the same module as an editor indents it
    ~S'''
defmodule KV do
  use GenServer

  @moduledoc """
  A simple key-value server.
  """

  @impl true
  def init(_) do
    {:ok, %{}}
  end

  @impl true
  def handle_call({:get, key}, _, state) do
    {:reply, Map.get(state, key), state}
  end
end
'''
  ]

  # Every command typed at an iex prompt in the article, and the values
  # it printed that are valid Elixir.
  @article_commands [
    "Node.self",
    "Node.get_cookie",
    "Node.connect :foo@pathfinder",
    "Node.list",
    "Agent.start(fn -> 42 end, name: {:global, :agent1})",
    ":global.registered_names",
    "Agent.get({:global, :agent1}, fn x -> x end)",
    "Agent.update({:global, :agent1}, fn x -> x + 1 end)",
    ":global.whereis_name :agent1",
    "Agent.get({:global, :agent1}, & &1)",
    "GenServer.start(KV, nil, name: {:global, :kv1})",
    "GenServer.call({:global, :kv1}, {:set, :foo, 123})",
    "GenServer.call({:global, :kv1}, {:get, :foo})",
    "GenServer.start(PS, nil, name: {:global, :ps1})",
    "GenServer.call({:global, :ps1}, {:subscribe, :topic1})",
    "self",
    "GenServer.call({:global, :ps1}, {:subscribers, :topic1})",
    "GenServer.call({:global, :ps1}, {:broadcast, :topic1, {:msg, :yo}})",
    "flush",
    ":foo@pathfinder",
    ":\"COOKIE-0123456789\"",
    "true",
    "[:foo@pathfinder]",
    "[:bar@pathfinder]",
    "[:agent1]",
    "42",
    ":ok",
    "43",
    "[:foo@pathfinder, :bar@pathfinder]",
    "{:foo, 123}",
    "123",
    "[:foo@pathfinder, :zed@pathfinder, :bar@pathfinder]",
    "{:sent, :topic1, {:msg, :yo}}",
    "{:msg, :yo}",
    "[:foo@pathfinder, :bar@pathfinder, :mini@enterprise]",
    "Node.self\n",
    "Node.connect :foo@pathfinder\n"
  ]

  # Constructs whose shape follows from the LALR grammar's subtleties.
  @quirks ~S"""
@@a
---
@@a.b
---
@@attr[:key]
---
@-a
---
@&a
---
@..[:x]
---
@(a).b
---
-foo do end + 1
---
^foo do end * 2
---
not foo do end and b
---
!!a
---
not not a
---
a not in b not in c
---
%{a.b}
---
%{f(1)}
---
%{f(1)(2)}
---
%{a b}
---
%{a.b c}
---
%{a -1}
---
%{a b: 1}
---
%{a, b => c}
---
%{m | a b}
---
%{m | a, b}
---
%{not f a, b => 1}
---
%{@f a, b => 1}
---
%:a{}
---
%:"a"{}
---
%a.b{}
---
%f(){}
---
%-a{}
---
%!a{}
---
%not a{}
---
%a.(1){}
---
%"s".a{}
---
%a.B{}
---
%a
{}
---
%{a
}
---
foo(f a, b
)
---
x = not f a, b
---
x = f a, b
---
..["s"]
---
fn a: 1 -> a end
---
fn x when x -> 1; y -> 2 end
---
case x do
  (a, b) when a -> 1
end
---
(a -> b; c -> d)
---
((1; 2))
---
(())
---
0x1F_FF
---
"\x{41}\x4"
---
:été
---
:日本
---
héllo = 1
---
x |> nïcödé
---
ünïcödé(1)
---
:Été
---
:a.b.C
---
fn x -> 1; y end
---
x :"a b"
"""

  # Snippets with characters the heredocs above cannot hold.
  @special [
    "",
    "\n",
    "\n\n\n",
    ";",
    "   ",
    "\t1",
    "1\r\n2",
    "a\r\n|> b",
    "\"a\\r\\n\"",
    "x = 1\r\ny = 2\r\n",
    "'''\nabc\n'''",
    "'''\n  a \#{b}\n  '''",
    "~S'''\nraw\n'''",
    "~c'''\nx\n'''",
    "\"\"\"\r\nwindows\r\n\"\"\"",
    "\"\\\\\"",
    "\"a\\\"b\"",
    "?\\\\",
    "?\\t",
    "?\\e",
    "?\\0",
    "\"\#{\"}\"}\"",
    "\"\\u{1F600}\"",
    "\"😀\"",
    ":\"😀\"",
    "# comment with ünïcödé\n1",
    "\"\\x{7F}\"",
    "1 # \"not a string\n2",
    "x = \"\#{\n  a\n}\"",
    "\"\"\"\n  \#{\n    x\n  }\n  \"\"\"",
    "foo(\n)",
    "[\n]",
    "{\n}",
    "%{\n}",
    "<<\n>>"
  ]

  # ---- invalid snippets ------------------------------------------------

  @errors ~S'''
foo do
---
1 +
---
1 + )
---
(
---
"abc
---
1 2
---
[1,
---
%{a: 1
---
'abc
---
~w(a b
---
0x
---
1_
---
1.0x
---
1.0e
---
1a
---
fn ->
---
a.
---
end
---
)
---
]
---
}
---
>>
---
1 + 3 3
---
x =
---
foo(
---
@
---
&
---
1..
---
a |>
---
<<1
---
{1,2
---
def f(x), do:
---
case x do
1 -> 2
---
a.b.
---
if true do 1 else
---
"#{
---
"#{1
---
1 + 3 "x"
---
[1 2]
---
foo :a :b
---
0b102
---
fn x -> x
---
fn x -> x end end
---
a;;b
---
[f a, b]
---
foo(1, f a, b)
---
[f a,]
---
{a: 1}
---
foo (1, 2)
---
a..(b//c)
---
1 + 2 // 3
---
:a.B
---
Foo(1)
---
[a: 1, 2]
---
[1 a: 2]
---
foo
do
end
---
[1
, 2]
---
(a
;)
---
:"a b": 1
---
(]
---
[)
---
foo do )
---
fn x end
---
fn end
---
foo do end end
---
x = 1 +
---
"""
abc
---
~s"""
abc
---
~x^abc^
---
"\x"
---
"\u"
---
"\u{D800}"
---
"\xZZ"
---
foo:bar
---
foo@bar
---
Foo@bar
---
Foo?
---
__aliases__
---
%(a)
---
%[a]
---
a ++ ,
---
1 2 3
---
foo bar baz,
---
a.1
---
do
---
foo, do
---
fn do end
---
else
---
a else b
---
foo(a, b: 1, c)
---
foo a: 1, b
---
[a: 1, b]
---
%{a: 1, b => 2}
---
%{a | b => 1
---
a = b: 1
---
1 +
+
---
@foo[
---
"a" "b"
---
:foo:
---
\
---
1 \
---
?
---
~
---
1 = 2 = )
---
if a do
  b
else
  c
---
defmodule Foo do
  def bar do
    :ok
end
---
"""x
"""
---
<<<<<<< HEAD
---
a.(1
---
x[1, 2]
---
x[]
---
fn -> 1 end end
---
foo bar, baz do end end
---
"#{)}"
---
"#{1 +}"
---
a + * b
---
a when b:
---
x ->
---
1 -> 2; 3
---
a // b
---
a
-> b
'''

  # Errors whose position or text depends on the grammar's details.
  @quirk_errors ~S'''
foo f(a) do
  :ok
end.bar
---
[f a, b;]
---
[g a, b
]
---
f(g a, b;)
---
%{k => f a, b => c}
---
%{k => f a, b}
---
%{a + b}
---
%{1}
---
%{"s"}
---
%{..}
---
%{@a}
---
%{foo do end}
---
%{foo do end, b}
---
%{Foo}
---
%{x => 1, {}, y => 2}
---
%{<<>>
+ 1}
---
%"s"{}
---
%1{}
---
%a[1]{}
---
%..{}
---
%a..b{}
---
%x "" {}
---
%a + b {}
---
%x S{}
---
%a
x
---
foo (11, 2!)
---
if (a, b) do 1 end
---
(a, b)
---
(a, b) x
---
((a, b))
---
x = a//g b, c => 1
---
[a//g b, c]
---
1.0E5E5
---
1.0e400
---
foo(1)(2)(3)
---
Été = 1
---
Fooé
---
Été: 1
---
case x do
  foo do end -> 1
end
---
case x do
  foo do end, b -> 1
end
---
foo do
  x
  y -> 1
else
  z
end
---
IO.puts "a" "b"
---
IO.puts "a" "#{b}"
---
foo "#{a}#{b}" "#{a}#{b}"
---
1"""
  #{a}#{b}
  """
---
x ~w(a b)c "d"
---
0 "DOWN #{inspect(process)} for reason #{inspect(reason)}"
---
[1 ?a]
---
[1 ?\n]
'''

  @special_errors [
    "\"😀",
    "😀",
    "'it''s'",
    "\"\\u{110000}\"",
    "'\\x",
    "x = \"unterminated\n\nmore",
    "\r",
    "a\rb",
    "\u00a0",
    "\u200b",
    "\"\u202e\"",
    "# \u202e",
    "\"\"\" \nabc\n\"\"\" x \"\"\"",
    "foo(\n1,\n",
    "[\n  1,\n  2\n",
    "%{\n a: 1\n",
    "fn x ->\n  x\n",
    "defmodule A do\n  def f do\n    1\n  end\n",
    "case x do\n  1 ->\n",
    "\"\"\"\n  heredoc\n",
    "'''\n  heredoc\n",
    "x = \"\"\"\nabc\n",
    "1 |>\n",
    "a =\n\n",
    "\0",
    "a\tb\u0007",
    # token texts as io_lib_pretty lays them out: bytes of a binary that
    # is not printable text, wrapped; tagged tuples indented by 4
    "1 \"\\u{80}\"",
    "1 \"" <> String.duplicate("\\x01", 60) <> "\"",
    "1 \"a\#{\"a\#{\"a\#{" <> String.duplicate("x", 20) <> "}\"}\"}\"",
    "%c a: 1{}",
    "%c a: 1"
  ]

  # ---- output -------------------------------------------------------

  defp split(text), do: String.split(text, "\n---\n")

  def valid do
    Enum.flat_map(
      [@literals, @heredocs, @collections, @operators, @calls, @blocks, @newlines, @definitions,
       @quirks],
      &split/1
    ) ++ @article_modules ++ @article_commands ++ @special
  end

  def invalid, do: split(@errors) ++ split(@quirk_errors) ++ @special_errors

  defp hex(bin), do: Base.encode16(bin, case: :lower)

  def ok_entry(snippet) do
    case Code.string_to_quoted(snippet) do
      {:ok, ast} ->
        "ok #{byte_size(snippet)} #{hex(:erlang.term_to_binary(ast))}\n#{snippet}\n"

      {:error, error} ->
        raise "expected #{inspect(snippet)} to parse, got #{inspect(error)}"
    end
  end

  def error_entry(snippet) do
    case Code.string_to_quoted(snippet) do
      {:ok, ast} ->
        raise "expected #{inspect(snippet)} to fail, got #{inspect(ast)}"

      {:error, {location, message, token}} ->
        message =
          case message do
            {prefix, suffix} -> prefix <> token <> suffix
            prefix -> prefix <> token
          end

        missing = token == ""
        kind = if missing, do: "TokenMissingError", else: "SyntaxError"
        line = Keyword.fetch!(location, :line)
        column = Keyword.get(location, :column, 0)

        "error #{byte_size(snippet)} #{kind} #{line} #{column} #{if missing, do: 1, else: 0} " <>
          "#{byte_size(message)}\n#{snippet}\n#{message}\n"
    end
  end

  @header """
  # Parser expectations for ciex, from Elixir's own Code.string_to_quoted/1.
  # GENERATED by tests/lang/gen_parser_cases.exs (Elixir 1.14.0, Erlang/OTP 25).
  # Do not edit by hand; regenerate from the repo root: elixir tests/lang/gen_parser_cases.exs
  #
  # Lines starting with "#" before the first case are comments.  Each case
  # is a header line followed by raw bytes, so snippets may hold newlines,
  # quotes and anything else:
  #
  #   ok LEN HEX\\n             then LEN bytes of snippet and a newline.
  #       HEX: lowercase hex of :erlang.term_to_binary(Code.string_to_quoted!(snippet))
  #
  #   error LEN KIND LINE COLUMN INCOMPLETE MSGLEN\\n
  #                            then LEN bytes of snippet, a newline,
  #                            MSGLEN bytes of message and a newline.
  #       Code.string_to_quoted(snippet) returned
  #       {:error, {[line: LINE, column: COLUMN], message, token}};
  #       COLUMN is 0 when Elixir gave only a line.
  #       MESSAGE is prefix <> token (prefix <> token <> suffix when the
  #       message came as {prefix, suffix}), as iex prints it.
  #       KIND is TokenMissingError when token is "" (input ended inside a
  #       construct), SyntaxError otherwise; INCOMPLETE is 1 exactly then,
  #       which is when iex asks for a continuation line.
  #
  """

  def run(path) do
    body = Enum.map(valid(), &ok_entry/1) ++ Enum.map(invalid(), &error_entry/1)
    File.write!(path, [@header | body])
    IO.puts("wrote #{path}: #{length(valid())} valid, #{length(invalid())} invalid snippets")
  end
end

ParserCases.run("tests/lang/parser_cases.txt")
