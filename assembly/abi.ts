// The raw ABI of the stp-wasm kernel: byte offsets of the records the host writes into linear
// memory, and the codes the kernel returns. Plain number constants only, so this one file is read
// both by the AssemblyScript compiler (assembly/) and by TypeScript (src/): one source of truth.
// All fields are 4 bytes (i32, u32 or f32). docs/ABI.md is the reference for embedders; the module
// also exports every constant here as an immutable i32 global of the same name.

/** ABI version; bumped on any layout change. */
export const ABI_VERSION = 8;
/** "STPW" as a little-endian u32: first word of a network header. */
export const NET_MAGIC_VALUE = 0x57505453;

// ---- network header (NET_BYTES) -------------------------------------------------------------
export const NET_MAGIC = 0; // u32 NET_MAGIC_VALUE
export const NET_VERSION = 4; // u32 ABI_VERSION
export const NET_TRIALS = 8; // i32 K, independent copies (the batch dimension)
export const NET_STEP = 12; // i32 index of the next step; that step carries t = (step + 1) * dt
export const NET_DT = 16; // f32 dt in ms
export const NET_SEED0 = 20; // u32 Philox key word 0
export const NET_SEED1 = 24; // u32 Philox key word 1
export const NET_NSRC = 28; // i32 number of source records
export const NET_SRC = 32; // ptr to NSRC source records (SRC_BYTES each)
export const NET_NSYN = 36; // i32 number of synapse records
export const NET_SYN = 40; // ptr to NSYN synapse records (SYN_BYTES each)
export const NET_NLIF = 44; // i32 number of LIF records
export const NET_LIF = 48; // ptr to NLIF LIF records (LIF_BYTES each)
export const NET_NREC = 52; // i32 number of record entries
export const NET_REC = 56; // ptr to NREC record entries (REC_BYTES each)
export const NET_REC_CAP = 60; // i32 rows every record buffer can hold
export const NET_REC_ROW = 64; // i32 rows written so far (host sets 0 to start a new chunk)
export const NET_BARRIER = 68; // ptr to BARRIER_BYTES for runSlice with several workers (0 if never)
export const NET_SPINS = 72; // i32 >= 0, times a worker polls the barrier before it sleeps (memory.atomic.wait)
export const NET_BYTES = 80;

// ---- barrier (BARRIER_BYTES), used by runSlice inside WASM between the phases of a step ---------
export const BARRIER_COUNT = 0; // i32 workers arrived in the current phase
export const BARRIER_GEN = 4; // i32 generation, bumped when the last worker arrives
export const BARRIER_BYTES = 8;

// ---- spike source (SRC_BYTES) ---------------------------------------------------------------
export const SRC_KIND_POISSON = 0;
export const SRC_KIND_TRAIN = 1;
export const SRC_KIND = 0; // i32 SRC_KIND_*
export const SRC_N = 4; // i32 units
export const SRC_STREAM = 8; // u32 RNG stream id (Philox counter word 2)
export const SRC_SPIKES = 12; // ptr f32[K * n], 1 or 0 for the current step
export const SRC_COUNTS = 16; // ptr i32[K * n], spikes so far
export const SRC_INPUTS = 20; // ptr f32[K * n], Poisson input intensity in [0, 1]
export const SRC_PRATE = 24; // f32 rateHz * dt / 1000 (spike probability at intensity 1)
export const SRC_OFFSETS = 28; // ptr i32[n + 1], train: unit j's steps are TIMES[OFFSETS[j] .. OFFSETS[j+1])
export const SRC_TIMES = 32; // ptr i32[], train: strictly increasing step indices per unit
export const SRC_CURSOR = 36; // ptr i32[K * n], train: entries of unit j already passed in trial t (relative to OFFSETS[j])
export const SRC_BYTES = 40;

// ---- STP dense synapse (SYN_BYTES) ----------------------------------------------------------
export const SYN_MODE_EULER = 0;
export const SYN_MODE_EXACT = 1;
export const SYN_FLAG_STF = 1; // facilitation on (tauF > 0)
export const SYN_FLAG_STD = 2; // depression on (tauD > 0)
export const SYN_FLAG_UREST_U = 4; // u relaxes to U (not 0) between spikes, and starts at U (issue 6)
export const SYN_FLAG_INACT = 8; // exact mode only: released resources stay active (y) for tauInact, then
//                                  inactive (z) until they recover with tauD; x = 1 - y - z (TPM 1998)
export const SYN_NPRE = 0; // i32
export const SYN_NPOST = 4; // i32
export const SYN_PRE_SPIKES = 8; // ptr f32[K * nPre] (a source's or a LIF's spikes)
export const SYN_POST_INPUT = 12; // ptr f32[K * nPost] (the target LIF's input accumulator)
export const SYN_W = 16; // ptr f32[nPre * nPost] row-major, or 0: every weight is SYN_W_CONST
export const SYN_W_CONST = 20; // f32
export const SYN_RESOURCES = 24; // ptr f32[nPre], U_j
export const SYN_DT_TAUF = 28; // f32 dt / tauF (euler)
export const SYN_DT_TAUD = 32; // f32 dt / tauD (euler)
export const SYN_BLOCKS = 36; // i32 G in [1, min(nPre, 64)]: the output sums rows in G blocks of rows (stp.ts)
export const SYN_ACC_SLOTS = 40; // i32 S in [min(G, 2), G]: slots of nPost floats per trial in SYN_ACC
export const SYN_G = 44; // f32 conductance factor g
export const SYN_BIAS = 48; // ptr f32[nPost], or 0 for none
export const SYN_UVAR = 52; // ptr f32[K * nPre], u
export const SYN_XVAR = 56; // ptr f32[K * nPre], x
export const SYN_USPK = 60; // ptr f32[K * nPre], u at the row's last spike (Wdyn = W * uSpk * xSpk)
export const SYN_XSPK = 64; // ptr f32[K * nPre], x used at the row's last spike
export const SYN_ACC = 68; // ptr f32[K * S * nPost] then i32[K * G], scratch: this step's block sums of spiking rows
export const SYN_MODE = 72; // i32 SYN_MODE_*
export const SYN_FLAGS = 76; // i32 SYN_FLAG_*
export const SYN_SPIKED = 80; // ptr f32[2 * H], H = K * nPre rounded up to a multiple of 16: this step's presynaptic spikes, copied (half step & 1)
// Exact mode: u, x (and y, z) are relaxed from their values right after the row's last spike (the
// anchor) over the steps since then, never step by step, so that float32 rounding does not
// compound between spikes. Initially the anchor is the resting state (u0, x = 1, y = z = 0).
export const SYN_UANCH = 84; // ptr f32[K * nPre], u at the anchor
export const SYN_XANCH = 88; // ptr f32[K * nPre], x at the anchor
export const SYN_YANCH = 92; // ptr f32[K * nPre], active resources y at the anchor (FLAG_INACT)
export const SYN_ZANCH = 96; // ptr f32[K * nPre], inactive resources z at the anchor (FLAG_INACT)
export const SYN_NSINCE = 100; // ptr i32[K * nPre], steps since the anchor
export const SYN_DT_TAUI = 104; // f32 dt / tauInact (FLAG_INACT)
export const SYN_DT_H = 108; // f32 dt * (1/tauInact - 1/tauD) (FLAG_INACT); 0 when tauInact == tauD
export const SYN_H_TAUI = 112; // f32 1 - tauInact / tauD (FLAG_INACT); exactly 0 selects the limit form
export const SYN_CU = 116; // ptr f32[2 * H]: u as this step's spike uses it (half step & 1)
export const SYN_CX = 120; // ptr f32[2 * H]: x as this step's spike uses it (half step & 1)
export const SYN_LIST = 124; // ptr i32[2 * H * 3]: this step's spiking rows (half step & 1), see stp.ts
export const SYN_BYTES = 128;

// ---- LIF population (LIF_BYTES) -------------------------------------------------------------
export const LIF_METHOD_EULER = 0;
export const LIF_METHOD_MIDPOINT = 1;
export const LIF_METHOD_EXACT = 2; // exponential propagators (iaf_psc_exp style), issue 6
export const LIF_FLAG_THETA = 1; // adaptive threshold on (tauTheta > 0)
export const LIF_FLAG_VMIN = 2; // clamp v at vMin
export const LIF_FLAG_SYN = 4; // synaptic input feeds a current decaying with tauSyn (not a one-step pulse)
export const LIF_N = 0; // i32
export const LIF_INPUT = 4; // ptr f32[K * n], summed synaptic input; the LIF clears it after use
export const LIF_V = 8; // ptr f32[K * n], mV
export const LIF_RFR = 12; // ptr f32[K * n], ms since the last spike
export const LIF_THETA = 16; // ptr f32[K * n], mV threshold shift
export const LIF_SPIKES = 20; // ptr f32[K * n]
export const LIF_COUNTS = 24; // ptr i32[K * n]
export const LIF_INV_TAU_M = 28; // f32 1 / tauM
export const LIF_R = 32; // f32 resistance
export const LIF_V_REST = 36; // f32 mV
export const LIF_V_RESET = 40; // f32 mV
export const LIF_THR = 44; // f32 mV
export const LIF_REFRACT = 48; // f32 ms
export const LIF_THETA_DECAY = 52; // f32 exp(-dt / tauTheta)
export const LIF_THETA_PLUS = 56; // f32 mV
export const LIF_G_L = 60; // f32 leak conductance factor
export const LIF_V_MIN = 64; // f32 mV
export const LIF_FLAGS = 68; // i32 LIF_FLAG_*
export const LIF_METHOD = 72; // i32 LIF_METHOD_*
export const LIF_ISYN = 76; // ptr f32[K * n], synaptic current (FLAG_SYN), same units as the input
export const LIF_SYN_DECAY = 80; // f32 exp(-dt / tauSyn) (FLAG_SYN)
export const LIF_SYN_DECAY_HALF = 84; // f32 exp(-dt / (2 tauSyn)) (FLAG_SYN, midpoint)
export const LIF_P22 = 88; // f32 exp(-dt * gL / tauM) (exact)
export const LIF_P21 = 92; // f32 (exact) v gain per mV of drive R * j over one step (see lif.ts)
export const LIF_BYTES = 96;

// ---- record entry (REC_BYTES) ---------------------------------------------------------------
export const REC_KIND_F32 = 0; // dst f32 row[m] = src f32[IDX[m]]
export const REC_KIND_SPIKE = 1; // dst u8 row[m] = src f32[IDX[m]] != 0
export const REC_KIND_WDYN = 2; // dst f32 row[m] = W[j, k] * uSpk[r] * xSpk[r], r = IDX[m], j = r % nPre, k = IDX2[m]
export const REC_KIND = 0; // i32 REC_KIND_*
export const REC_SRC = 4; // ptr: the array to sample, or (WDYN) the synapse record
export const REC_IDX = 8; // ptr i32[COUNT]
export const REC_IDX2 = 12; // ptr i32[COUNT] (WDYN: postsynaptic index k)
export const REC_COUNT = 16; // i32 values per row
export const REC_DST = 20; // ptr, CAP rows of COUNT values
export const REC_UNITS = 24; // i32 units per trial of the sampled array (n, or nPre for synapses)
export const REC_BYTES = 32;

// ---- return codes ---------------------------------------------------------------------------
// init, run, runSlice and record check the whole descriptor before they change anything; on a
// code other than OK no byte has changed, and errorAt() gives the address of the refused word.
export const OK = 0;
export const ERR_BAD_HEADER = 1; // magic or version wrong; trials < 1; a record count, the step, the row, the capacity or the spins negative
export const ERR_BAD_STEPS = 2; // nSteps < 0, or step + nSteps would pass 2^31 - 1
export const ERR_RECORD_FULL = 3; // the record buffers cannot hold nSteps more rows
export const ERR_BAD_RECORD = 4; // unknown record kind; count < 0 or units < 1; a WDYN entry not on one of the network's synapses, or a post index out of range
export const ERR_BAD_KIND = 5; // unknown source kind, synapse mode, LIF method, or flag bit (or FLAG_INACT without exact mode)
export const ERR_BAD_THREADS = 6; // worker index or count out of range, or several workers without threads/barrier
export const ERR_BAD_POINTER = 7; // a region (pointer + its size) not 4-byte aligned or not inside [heapBase(), memory end)
export const ERR_OVERFLOW = 8; // a size that overflows 32-bit indexing: trials * n or capacity * count above 2^31 - 1
export const ERR_BAD_VALUE = 9; // a parameter that is NaN or outside its range (e.g. dt <= 0 or infinite, a probability above 1)
export const ERR_OVERLAP = 10; // an array the kernel writes overlaps the descriptors, a spike-train cursor or the barrier
export const ERR_BAD_TRAIN = 11; // spike-train offsets decreasing or negative, times not strictly increasing, or a cursor out of range
export const ERR_BAD_COUNT = 12; // a population or synapse with fewer than 1 unit
