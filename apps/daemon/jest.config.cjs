module.exports = { displayName: 'daemon', preset: '../../jest.preset.cjs', rootDir: __dirname };
