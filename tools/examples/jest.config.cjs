module.exports = { displayName: 'examples', preset: '../../jest.preset.cjs', rootDir: __dirname };
