# + - * at the edges of the small-integer range (62 bits and a sign): the
# fast paths must hand over to bignums exactly there.
m = 4_611_686_018_427_387_903
n = -4_611_686_018_427_387_904
f = fn x -> x end
IO.inspect([f.(m) + 1, f.(m) + 0, f.(n) - 1, f.(n) + 0, f.(n) - 0, f.(m) - f.(n), f.(n) - f.(m), f.(m) + f.(n), f.(n) + f.(n), f.(m) + f.(m), f.(0) - f.(n), f.(-1) - f.(m), f.(-2) - f.(m)])
IO.inspect([f.(m) * 2, f.(n) * -1, f.(m) * -1, f.(2_147_483_648) * f.(2_147_483_648), f.(3) * f.(-7), f.(1.5) + 1, f.(2) - 0.5])
IO.inspect([f.(m + 1) - 1, f.(n - 1) + 1])
