# A sigil with an invalid date stops the compilation of the whole script:
# nothing runs, and the ArgumentError of Kernel.sigil_D/2 is printed.
IO.puts "not printed"
date = ~D[2023-02-30]
IO.inspect date
