IO.inspect({System.schedulers(), System.schedulers_online()})
IO.inspect(:erlang.system_info(:logical_processors) >= 1)
