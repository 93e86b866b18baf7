module.exports = { displayName: 'cli-e2e', preset: '../../jest.preset.cjs', rootDir: __dirname, setupFilesAfterEnv: ['<rootDir>/jest.setup.cjs'] };
