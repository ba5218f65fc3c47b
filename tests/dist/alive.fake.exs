# A second incarnation of b, speaking the handshake by hand over a plain
# socket (always run on the BEAM, for :gen_tcp): it sends b's name to a,
# gets "alive", answers "true", and completes the handshake.
host = node() |> Atom.to_string() |> String.split("@") |> List.last()
{:port, port, _version} = :erl_epmd.port_please(~c"a", String.to_charlist(host))
{:ok, s} = :gen_tcp.connect(String.to_charlist(host), port, [:binary, packet: 2, active: false])
import Bitwise
# OTP 25's mandatory flags, and published, monitors, HANDSHAKE_23
flags = 0x1 ||| 0x4 ||| 0x8 ||| 0x10 ||| 0x80 ||| 0x100 ||| 0x200 ||| 0x400 ||| 0x800 |||
          0x10000 ||| 0x20000 ||| 0x40000 ||| 0x1000000
name = "b@" <> host
:ok = :gen_tcp.send(s, <<?N, flags::64, 77::32, byte_size(name)::16, name::binary>>)
{:ok, status} = :gen_tcp.recv(s, 0, 10_000)
IO.inspect(status, label: "status")
:ok = :gen_tcp.send(s, "strue")
{:ok, <<?N, _flags::64, challenge::32, _creation::32, n::16, peer::binary-size(n)>>} = :gen_tcp.recv(s, 0, 10_000)
IO.inspect(peer == "a@" <> host, label: "challenge from a")
cookie = Atom.to_string(Node.get_cookie())
mine = 123_456_789
digest = :erlang.md5(cookie <> Integer.to_string(challenge))
:ok = :gen_tcp.send(s, <<?r, mine::32, digest::binary>>)
{:ok, <<?a, ack::binary-size(16)>>} = :gen_tcp.recv(s, 0, 10_000)
IO.inspect(ack == :erlang.md5(cookie <> Integer.to_string(mine)), label: "acknowledged")
:gen_tcp.close(s)
