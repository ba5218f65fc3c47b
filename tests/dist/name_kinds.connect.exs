# Connects to the node named in argv, which has the other kind of name:
# refused on this side, with OTP's log lines, each time it is tried.
[target] = System.argv()
t = String.to_atom(target)
IO.inspect(Node.connect(t), label: "connect")
IO.inspect(Node.list(), label: "list")
IO.inspect(:net_adm.ping(t), label: "ping")
