# Nothing: the benchmark measures what importing any module costs.
