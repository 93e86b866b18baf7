module.exports = { displayName: 'application', preset: '../../jest.preset.cjs', rootDir: __dirname };
