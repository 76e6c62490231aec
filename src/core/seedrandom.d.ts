// seedrandom's ARC4 generator alone (the package's seedrandom.js, CommonJS): the same function as
// the package's default export, typed by @types/seedrandom.
declare module "seedrandom/seedrandom.js" {
  import seedrandom from "seedrandom";
  export default seedrandom;
}

// Alea alone (the package's lib/alea.js, CommonJS): the connectivity rules' generator, the same
// function as the package's `seedrandom.alea`.
declare module "seedrandom/lib/alea.js" {
  import seedrandom from "seedrandom";
  const alea: typeof seedrandom.alea;
  export default alea;
}
