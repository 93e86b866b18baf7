// Root Jest config: every project's suite in one run (used by `npm test` and CI).
module.exports = {
  projects: [
    '<rootDir>/libs/domain',
    '<rootDir>/libs/application',
    '<rootDir>/libs/infrastructure',
    '<rootDir>/apps/cli',
    '<rootDir>/apps/daemon',
    '<rootDir>/apps/cli-e2e',
    '<rootDir>/tools/testing',
    '<rootDir>/tools/examples',
    '<rootDir>/tools/bench',
  ],
};
