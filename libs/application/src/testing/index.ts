/** In-memory fakes of every port, for unit tests of the core (and contract tests of adapters). */
export {};
