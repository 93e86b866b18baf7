module.exports = { displayName: 'cli-e2e', preset: '../../jest.preset.cjs', rootDir: __dirname, testTimeout: 60000 };
