module.exports = { displayName: 'infrastructure', preset: '../../jest.preset.cjs', rootDir: __dirname };
