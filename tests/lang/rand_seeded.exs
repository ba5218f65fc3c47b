# :rand seeded with each of OTP's algorithms gives the BEAM's sequences:
# uniform/0,1 (ranges wider than a word too), uniform_real/0, seed/2 with
# a triple, an integer or a list, seed_s/uniform_s/export_seed(_s), jump;
# and Enum.random/shuffle/take_random draw as Elixir's do.
import Bitwise
for alg <- [:exsss, :exrop, :exsp, :exsplus, :exs1024s, :exs1024, :exs64] do
  :rand.seed(alg, {1, 2, 3})
  IO.inspect({alg, :rand.uniform(), :rand.uniform(10), :rand.uniform(1 <<< 70), :rand.uniform(1 <<< 64), :rand.uniform(3 <<< 62), :rand.uniform_real()})
  IO.inspect(:rand.export_seed(), limit: :infinity)
  :rand.seed(alg, 42)
  IO.inspect(for _ <- 1..5, do: :rand.uniform(100))
  s = :rand.seed_s(alg, if(alg == :exs64, do: [7], else: [7, 8]))
  {x, s} = :rand.uniform_s(s)
  {y, s} = :rand.uniform_s(1000, s)
  IO.inspect({x, y, :rand.export_seed_s(s)}, limit: :infinity)
end
for alg <- [:exsss, :exrop, :exsp] do
  :rand.seed(alg, {-5, 123456789012345678901234, 0})
  :rand.jump()
  IO.inspect({alg, :rand.uniform(1000000), :rand.export_seed()})
end
:rand.seed(:exsss, {1, 2, 3})
IO.inspect(Enum.random(1..100))
IO.inspect(Enum.shuffle(1..10))
IO.inspect(Enum.take_random(1..100, 5))
IO.inspect(Enum.take_random(1..100, 200) |> length())
IO.inspect(Enum.take_random(1..1000, 130) |> Enum.take(5))
IO.inspect(Enum.take_random([1, 2, 3], 1))
IO.inspect(Enum.take_random(1..10, 1))
IO.inspect(Enum.random([5]))
IO.inspect(Enum.random(%{a: 1, b: 2, c: 3}))
IO.inspect(Enum.random(Stream.map(1..5, & &1)))
IO.inspect(:rand.uniform())
IO.inspect(for _ <- 1..2000, reduce: 0.0, do: (acc -> acc + :rand.uniform_real()))
:rand.seed(:exrop, {1, 2, 3})
IO.inspect(for _ <- 1..2000, reduce: 0, do: (acc -> acc + :rand.uniform(7)))
