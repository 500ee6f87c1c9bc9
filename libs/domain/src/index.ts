// Pure domain: no Nest, no I/O. Everything here is deterministic and unit-tested.
export {};
