module.exports = {
  query: async () => { throw new Error('protocol tests talk HTTP'); },
  update: async () => { throw new Error('protocol tests talk HTTP'); },
};
