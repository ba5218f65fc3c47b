# module attributes inside guards: values, lists and ranges for `in`
defmodule AttrGuard do
  @vsn 8
  @kinds [:a, :b]
  @digits 0..9
  def f(x) when x > @vsn, do: :big
  def f(_), do: :small
  def kind?(k) when k in @kinds, do: true
  def kind?(_), do: false
  def digit?(d) when d in @digits, do: true
  def digit?(_), do: false
  def check(t) do
    case t do
      {v, _} when v >= @vsn -> :new
      _ -> :old
    end
  end
end

IO.inspect({AttrGuard.f(9), AttrGuard.f(8)})
IO.inspect({AttrGuard.kind?(:a), AttrGuard.kind?(:c)})
IO.inspect({AttrGuard.digit?(5), AttrGuard.digit?(10), AttrGuard.digit?(5.0)})
IO.inspect({AttrGuard.check({8, :x}), AttrGuard.check({7, :x})})
