// seedrandom's ARC4 generator alone (the package's seedrandom.js, CommonJS): the same function as
// the package's default export, typed by @types/seedrandom.
declare module "seedrandom/seedrandom.js" {
  import seedrandom from "seedrandom";
  export default seedrandom;
}
