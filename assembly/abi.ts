// The raw ABI of the stp-wasm kernel: byte offsets of the descriptors the host writes into linear
// memory, the kinds of component, and the codes the kernel returns. Plain number constants only, so
// this one file is read both by the AssemblyScript compiler (assembly/) and by TypeScript (src/):
// one source of truth. All fields are 4 bytes (i32, u32, f32 or ptr). docs/ABI.md is the reference
// for embedders; the module also exports every constant here as an immutable i32 global.
//
// A network is a header, a table of component pointers and a table of record entries. Every
// component descriptor starts with the common header (COMP_*), then its model's own fields: a
// source (Poisson, spike train), a synapse (its delivery block DLV_*, then its model's fields,
// TM_*), a channel (a conductance, COND_*) or a neuron (LIF_*). A model allocates only the arrays
// it uses; a pointer to an array the configuration does not use is 0 and is not read. Ports are
// arrays a host may write between calls, each acting on the next step only (the kernel clears it
// after use): a source's spikes to inject (POI_INJECT, TRAIN_INJECT), a LIF's current (LIF_DIRECT),
// a channel's conductance (its COMP_INPUT).

/** ABI version; bumped on any layout change. */
export const ABI_VERSION = 12;
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
export const NET_NCOMP = 28; // i32 number of components
export const NET_COMPS = 32; // ptr u32[NCOMP]: the components' descriptors, in table order
export const NET_NREC = 36; // i32 number of record entries
export const NET_REC = 40; // ptr to NREC record entries (REC_BYTES each)
export const NET_REC_CAP = 44; // i32 rows every record buffer can hold
export const NET_REC_ROW = 48; // i32 rows written so far (host sets 0 to start a new chunk)
export const NET_BARRIER = 52; // ptr to BARRIER_BYTES for runSlice with several workers (0 if never)
export const NET_SPINS = 56; // i32 >= 0, times a worker polls the barrier before it sleeps (memory.atomic.wait)
export const NET_GEN = 60; // u32 generation: the host changes it after changing anything the check reads (step re-checks then)
export const NET_BYTES = 64;

// ---- barrier (BARRIER_BYTES), used by runSlice inside WASM between the phases of a step ---------
// and the workers' shares of a step's work (engine/balance.ts), which it moves every BALANCE_STEPS steps
export const MAX_WORKERS = 256; // workers of one runSlice call, at most
export const SHARE_ONE = 65536; // a whole index space, in the units of BARRIER_STARTS
export const BARRIER_COUNT = 0; // i32 workers arrived in the current phase
export const BARRIER_GEN = 4; // i32 generation, bumped when the last worker arrives
export const BARRIER_WORKERS = 8; // i32 the worker count W that BARRIER_STARTS is for (another value: equal shares at the next call)
export const BARRIER_FIXED = 12; // i32 not 0: keep the shares as they are (no rebalancing)
export const BARRIER_MOVE = 16; // i32 the rebalancing's current move, in SHARE_ONE units
export const BARRIER_LAST = 20; // i32 its last transfer: from * MAX_WORKERS + to + 1 (0: none)
export const BARRIER_STARTS = 64; // i32[MAX_WORKERS + 1] worker w's share of every index space starts at STARTS[w] / SHARE_ONE of it
export const BARRIER_LASTS = 1092; // i32[MAX_WORKERS] barriers of the last window each worker arrived at last (BARRIER_STARTS + 4 (MAX_WORKERS + 1))
export const BARRIER_BYTES = 2116; // BARRIER_LASTS + 4 MAX_WORKERS

// ---- component kinds, and the role (step phase) each kind plays ------------------------------------
export const KIND_POISSON = 1; // source: Poisson units (POI_*)
export const KIND_TRAIN = 2; // source: explicit spike trains (TRAIN_*)
export const KIND_TM = 3; // synapse: Tsodyks-Markram STP (DLV_*, then TM_*)
export const KIND_LIF = 4; // neuron: leaky integrate-and-fire (LIF_*)
export const KIND_COND = 5; // channel: a conductance onto a LIF (COND_*)
export const ROLE_SOURCE = 1; // steps first; has SPIKES and COUNTS
export const ROLE_SYNAPSE = 2; // reads PRE's SPIKES, adds into POST's INPUT
export const ROLE_CHANNEL = 3; // steps after the synapses, before the neurons; has INPUT; POST is its neuron
export const ROLE_NEURON = 4; // steps last; has INPUT, SPIKES and COUNTS

// ---- component header (COMP_HEADER_BYTES), at the start of every component descriptor ------------
export const COMP_KIND = 0; // i32 KIND_*
export const COMP_BYTES = 4; // i32 bytes of the whole descriptor: the kind's *_BYTES
export const COMP_N = 8; // i32 units: a population's n, a synapse's nPre, a channel's n
export const COMP_N2 = 12; // i32 a synapse's nPost (0 otherwise)
export const COMP_SPIKES = 16; // ptr f32[K N]: sources and neurons, 1 or 0 for the current step
export const COMP_COUNTS = 20; // ptr i32[K N]: sources and neurons, spikes so far
export const COMP_INPUT = 24; // ptr f32[K N]: neurons and channels, what synapses add into this step
export const COMP_PRE = 28; // ptr: a synapse's presynaptic component (a source or a neuron)
export const COMP_POST = 32; // ptr: a synapse's target (a neuron or a channel); a channel's neuron
export const COMP_HEADER_BYTES = 36;

// ---- Poisson source (POI_BYTES) -------------------------------------------------------------
export const POI_STREAM = 36; // u32 RNG stream id (Philox counter word 2)
export const POI_INPUTS = 40; // ptr f32[K n], input intensity in [0, 1]
export const POI_PRATE = 44; // f32 rateHz * dt / 1000 (spike probability at intensity 1)
export const POI_INJECT = 48; // ptr f32[K n] or 0: the spike port, a value other than 0 makes the unit spike this step; cleared after use
export const POI_BYTES = 52;

// ---- spike-train source (TRAIN_BYTES) --------------------------------------------------------
export const TRAIN_OFFSETS = 36; // ptr i32[n + 1], unit j's steps are TIMES[OFFSETS[j] .. OFFSETS[j+1])
export const TRAIN_TIMES = 40; // ptr i32[OFFSETS[n]], strictly increasing step indices per unit
export const TRAIN_CURSOR = 44; // ptr i32[K n], entries of unit j already passed in trial t (relative to OFFSETS[j])
export const TRAIN_INJECT = 48; // ptr f32[K n] or 0: the spike port, as POI_INJECT
export const TRAIN_BYTES = 52;

// ---- a synapse's delivery block (DLV_*), right after the header of every synapse ------------------
// The model lists each spiking row with two factors (a, b) (for TM: u and x as the spike used them),
// keeps them per row (DLV_SPIKED, DLV_CA, DLV_CB: a 1 x 1 dense synapse, one-to-one), or keeps two
// factors per connection (DLV_FA, DLV_FB, sparse only); a connection's term is (W * a) * b. Dense
// (DLV_DENSE): every pair (j, k) is a connection, W a full nPre x nPost matrix (or one constant), no
// delay: out_k = g * (the sum over this step's spiking rows, in blocks of rows: docs/MODEL.md)
// (+ bias_k), added into POST's INPUT. Sparse (DLV_SPARSE): connections in CSR order (rows by
// presynaptic unit, posts ascending within a row), each with its delay in steps: a spike of step i
// reaches the target in step i + d through a ring of D slots of K nPost floats; every step
// out_k = g * (slot of this step) (+ bias_k), and the slot is cleared. One-to-one (DLV_ONE_TO_ONE):
// nPre = nPost, connection j -> j with weight W_j, all with delay DLV_DELAY, through the same ring.
export const DLV_DENSE = 0;
export const DLV_SPARSE = 1;
export const DLV_ONE_TO_ONE = 2;
export const DLV_WIDE_POSTS = 1; // DLV_WIDTHS: POSTS are u32 (else u16, nPost <= 65536)
export const DLV_WIDE_DELAYS = 2; // DLV_WIDTHS: DELAYS are u16 (else u8, D <= 256)
export const DLV_KIND = 36; // i32 DLV_*
export const DLV_W = 40; // ptr f32 weights: dense nPre * nPost row-major, sparse [nnz], one-to-one [n]; or 0: every weight is DLV_W_CONST
export const DLV_W_CONST = 44; // f32
export const DLV_G = 48; // f32 gain g applied to the sum (gConduct)
export const DLV_BIAS = 52; // ptr f32[nPost], or 0 for none
export const DLV_BLOCKS = 56; // i32 dense: G in [1, min(nPre, 64)], the sum adds rows in G blocks of rows
export const DLV_ACC_SLOTS = 60; // i32 dense: S in [min(G, 2), G], slots of nPost floats per trial in DLV_ACC
export const DLV_ACC = 64; // ptr dense: f32[K S nPost] then i32[K G], scratch: this step's block sums of spiking rows
export const DLV_LIST = 68; // ptr i32[2 H 3] (dense, sparse), H = K nPre rounded up to 16: this step's spiking rows (half step & 1)
export const DLV_SPIKED = 72; // ptr f32[2 H] (dense 1 x 1, one-to-one): this step's presynaptic spikes per row (half step & 1)
export const DLV_CA = 76; // ptr f32[2 H] (dense 1 x 1, one-to-one): factor a of this step's spike per row (half step & 1)
export const DLV_CB = 80; // ptr f32[2 H] (dense 1 x 1, one-to-one): factor b of this step's spike per row (half step & 1)
export const DLV_ROWS = 84; // ptr u32[nPre + 1] (sparse): row j's connections are [ROWS[j], ROWS[j + 1]); nnz = ROWS[nPre]
export const DLV_POSTS = 88; // ptr (sparse): the postsynaptic unit of each connection, u16[nnz] or u32[nnz] (DLV_WIDE_POSTS)
export const DLV_WIDTHS = 92; // i32 (sparse): DLV_WIDE_* flags, the element sizes of POSTS and DELAYS
export const DLV_DELAYS = 96; // ptr (sparse): each connection's delay in steps, u8[nnz] or u16[nnz] (DLV_WIDE_DELAYS), or 0: every delay is DLV_DELAY
export const DLV_DELAY = 100; // i32 (sparse, one-to-one): the delay in steps when DLV_DELAYS is 0
export const DLV_SLOTS = 104; // i32 (sparse, one-to-one): D, 1 + the largest delay: slots of the ring
export const DLV_RING = 108; // ptr f32[K D nPost] (sparse, one-to-one): slot (step mod D) of trial t at (t D + slot) nPost
export const DLV_FA = 112; // ptr f32[K nnz] (sparse): factor a per connection (the model's), or 0: the list's per-row a
export const DLV_FB = 116; // ptr f32[K nnz] (sparse): factor b per connection, or 0 with DLV_FA: b = 1
export const DLV_END = 120;

// ---- Tsodyks-Markram synapse (TM_BYTES): DLV_* then these ---------------------------------------
// State per presynaptic row ("presynaptic", the default) or, with TM_FLAG_CONNECTION, per connection
// (sparse delivery, exact mode). The Euler map updates u and x every step; the exact mode keeps the
// anchor and updates it at the row's spikes only (u and x now: the derived TM_VAR_U, TM_VAR_X).
// Rates and U per row where the *_ROWS arrays are given, per connection where the *_CONN arrays
// are, else the constants. Quantal release (TM_FLAG_QUANTAL): each connection has N sites, of which
// the available ones each release with probability u at a spike (docs/MODEL.md).
export const TM_MODE_EULER = 0;
export const TM_MODE_EXACT = 1;
export const TM_FLAG_STF = 1; // facilitation on (tauF > 0)
export const TM_FLAG_STD = 2; // depression on (tauD > 0)
export const TM_FLAG_UREST_U = 4; // u relaxes to U (not 0) between spikes, and starts at U
export const TM_FLAG_INACT = 8; // exact mode with STD only: three-state resources x, y (active), z (inactive)
export const TM_FLAG_CONNECTION = 16; // u and x per connection (sparse, exact): DLV_FA, DLV_FB point to TM_C_USPK, TM_C_XSPK
export const TM_FLAG_QUANTAL = 32; // quantal release (with FLAG_CONNECTION, not FLAG_INACT): TM_SITES sites per connection; DLV_FA points to TM_C_REL, DLV_FB is 0
export const TM_MODE = 120; // i32 TM_MODE_*
export const TM_FLAGS = 124; // i32 TM_FLAG_*
export const TM_RESOURCES = 128; // ptr f32[nPre], U_j
export const TM_DT_TAUF = 132; // f32 dt / tauF (FLAG_STF), when no rate array is given
export const TM_DT_TAUD = 136; // f32 dt / tauD (FLAG_STD), when no rate array is given
export const TM_DT_TAUI = 140; // f32 dt / tauInact (FLAG_INACT)
export const TM_DT_H = 144; // f32 dt * (1/tauInact - 1/tauD) (FLAG_INACT); 0 when tauInact == tauD
export const TM_H_TAUI = 148; // f32 1 - tauInact / tauD (FLAG_INACT); exactly 0 selects the limit form
export const TM_UVAR = 152; // ptr f32[K nPre] (Euler), u (presynaptic state)
export const TM_XVAR = 156; // ptr f32[K nPre] (Euler), x (presynaptic state)
export const TM_USPK = 160; // ptr f32[K nPre], u at the row's last spike (Wdyn = W * uSpk * xSpk)
export const TM_XSPK = 164; // ptr f32[K nPre], x used at the row's last spike
export const TM_UANCH = 168; // ptr f32[K nPre] (exact): u right after the row's last spike (the anchor; u now: TM_VAR_U)
export const TM_XANCH = 172; // ptr f32[K nPre] (exact): x at the anchor
export const TM_NSINCE = 176; // ptr i32[K nPre] (exact): steps since the anchor
export const TM_YANCH = 180; // ptr f32[K nPre] (FLAG_INACT): active resources y at the anchor
export const TM_ZANCH = 184; // ptr f32[K nPre] (FLAG_INACT): inactive resources z at the anchor
export const TM_LAST = 188; // ptr i32[K nPre]: the step of the row's last spike (-1: none yet)
export const TM_RATES_ROWS = 192; // ptr f32[nPre * 2]: (dt/tauF_j, dt/tauD_j) per row, or 0: the constants
export const TM_INACT_ROWS = 196; // ptr f32[nPre * 3]: (dt/tauInact, dtH, hTauI) per row (FLAG_INACT), or 0
export const TM_U_CONN = 200; // ptr f32[nnz] (FLAG_CONNECTION): U per connection, or 0: U of its row
export const TM_RATES_CONN = 204; // ptr f32[nnz * 2] (FLAG_CONNECTION): (dt/tauF, dt/tauD) per connection, or 0
export const TM_INACT_CONN = 208; // ptr f32[nnz * 3] (FLAG_CONNECTION, FLAG_INACT): per connection, or 0
export const TM_C_UANCH = 212; // ptr f32[K nnz] (FLAG_CONNECTION): u after the connection's last spike
export const TM_C_XANCH = 216; // ptr f32[K nnz] (FLAG_CONNECTION): x after it
export const TM_C_YANCH = 220; // ptr f32[K nnz] (FLAG_CONNECTION, FLAG_INACT): y after it
export const TM_C_ZANCH = 224; // ptr f32[K nnz] (FLAG_CONNECTION, FLAG_INACT): z after it
export const TM_C_USPK = 228; // ptr f32[K nnz] (FLAG_CONNECTION): u its last spike used
export const TM_C_XSPK = 232; // ptr f32[K nnz] (FLAG_CONNECTION): x its last spike used
export const TM_SITES = 236; // i32 (FLAG_QUANTAL) N in [1, 65535]: release sites per connection
export const TM_STREAM = 240; // u32 (FLAG_QUANTAL): the random stream, Philox counter word 2 (word 3 >= 1: never a source's)
export const TM_C_AVAIL = 244; // ptr i32[K nnz] (FLAG_QUANTAL): sites available after the connection's last spike
export const TM_C_REL = 248; // ptr f32[K nnz] (FLAG_QUANTAL): released / N at its last spike (the delivery's factor a)
export const TM_BYTES = 252;
/** Derived variables of a TM synapse (REC_KIND_DERIVED, REC_KIND_EVENT). Second index: k (dense) or the connection (sparse). */
export const TM_VAR_WDYN = 0; // Wdyn = W * uSpk * xSpk: the weight of the last spike
export const TM_VAR_USPK = 1; // u at the last spike (events: the u this spike used)
export const TM_VAR_XSPK = 2; // x at the last spike (events: the x this spike used)
export const TM_VAR_U = 3; // u now: the row's (second index 0) or the connection's
export const TM_VAR_X = 4; // x now: the row's (second index 0) or the connection's

// ---- LIF population (LIF_BYTES) -------------------------------------------------------------
export const LIF_METHOD_EULER = 0;
export const LIF_METHOD_MIDPOINT = 1;
export const LIF_METHOD_EXACT = 2; // exponential propagators (iaf_psc_exp style)
export const LIF_FLAG_THETA = 1; // adaptive threshold on (tauTheta > 0)
export const LIF_FLAG_VMIN = 2; // clamp v at vMin
export const LIF_FLAG_SYN = 4; // synaptic input feeds a current decaying with tauSyn (not a one-step pulse)
export const LIF_FLAG_DIRECT = 8; // a direct current input (LIF_DIRECT) adds to the drive this step
export const LIF_FLAG_BIAS = 16; // a constant bias current per unit (LIF_BIAS) adds to the drive every step
export const LIF_V = 36; // ptr f32[K n], mV
export const LIF_RFR = 40; // ptr f32[K n], ms since the last spike
export const LIF_THETA = 44; // ptr f32[K n] (FLAG_THETA), mV threshold shift
export const LIF_ISYN = 48; // ptr f32[K n] (FLAG_SYN), synaptic current, same units as the input
export const LIF_DIRECT = 52; // ptr f32[K n] (FLAG_DIRECT), current acting this step (the current port; channels add into it); cleared after use
export const LIF_INV_TAU_M = 56; // f32 1 / tauM
export const LIF_R = 60; // f32 resistance
export const LIF_V_REST = 64; // f32 mV
export const LIF_V_RESET = 68; // f32 mV
export const LIF_THR = 72; // f32 mV
export const LIF_REFRACT = 76; // f32 ms
export const LIF_THETA_DECAY = 80; // f32 exp(-dt / tauTheta) (FLAG_THETA)
export const LIF_THETA_PLUS = 84; // f32 mV (FLAG_THETA)
export const LIF_G_L = 88; // f32 leak conductance factor
export const LIF_V_MIN = 92; // f32 mV (FLAG_VMIN)
export const LIF_FLAGS = 96; // i32 LIF_FLAG_*
export const LIF_METHOD = 100; // i32 LIF_METHOD_*
export const LIF_SYN_DECAY = 104; // f32 exp(-dt / tauSyn) (FLAG_SYN)
export const LIF_SYN_DECAY_HALF = 108; // f32 exp(-dt / (2 tauSyn)) (FLAG_SYN, midpoint)
export const LIF_P22 = 112; // f32 exp(-dt * gL / tauM) (exact)
export const LIF_P21 = 116; // f32 (exact) v gain per mV of drive R * j over one step
export const LIF_P21_DIRECT = 120; // f32 (exact, FLAG_SYN and FLAG_DIRECT) v gain per mV of a drive constant over the step
export const LIF_BIAS = 124; // ptr f32[n] (FLAG_BIAS): bias current per unit, the same in every trial
export const LIF_BYTES = 128;

// ---- conductance channel (COND_BYTES): a synapse target whose conductance drives a LIF ------------
// Per unit: I = g (eRev - v) into the LIF's DIRECT input (v at the start of the step), then
// g = g * decay + input (what the synapses added this step); the input is cleared.
export const COND_G = 36; // ptr f32[K n], conductance g
export const COND_E_REV = 40; // f32 reversal potential in mV
export const COND_DECAY = 44; // f32 exp(-dt / tauSyn), in [0, 1]
export const COND_BYTES = 48;

// ---- record entry (REC_BYTES) ---------------------------------------------------------------
export const REC_KIND_F32 = 0; // dst f32 row[m] = array[IDX[m]], the array whose pointer is at COMP + FIELD
export const REC_KIND_SPIKE = 1; // dst u8 row[m] = array[IDX[m]] != 0 (FIELD = COMP_SPIKES)
export const REC_KIND_DERIVED = 2; // dst f32 row[m] = the model's variable FIELD at (IDX[m], IDX2[m])
export const REC_KIND_EVENT = 3; // at each step where presynaptic row IDX[m] spiked: an event (step, m, value of FIELD at (IDX[m], IDX2[m]))
export const REC_KIND = 0; // i32 REC_KIND_*
export const REC_COMP = 4; // ptr: the sampled component (one of the network's)
export const REC_FIELD = 8; // i32: F32 / SPIKE: offset of the array's pointer in the component; DERIVED: the variable (e.g. TM_VAR_WDYN)
export const REC_IDX = 12; // ptr i32[COUNT]: trial * N + unit (N = the component's COMP_N)
export const REC_IDX2 = 16; // ptr i32[COUNT] (DERIVED: the second index, e.g. the postsynaptic k)
export const REC_COUNT = 20; // i32 values per row
export const REC_DST = 24; // ptr, CAP rows of COUNT values; EVENT: i32 count, then up to CAP * COUNT events of EVT_BYTES
export const REC_BYTES = 32;

// ---- event (EVT_BYTES), one in the DST of a REC_KIND_EVENT entry -------------------------------
export const EVT_STEP = 0; // i32 the step
export const EVT_INDEX = 4; // i32 m, the target
export const EVT_VALUE = 8; // f32 the value
export const EVT_BYTES = 12;
export const REC_EVENTS_FIRST = 16; // bytes from DST to the first event (DST's first word counts them)

// ---- return codes ---------------------------------------------------------------------------
// init, run, runSlice, record and prepare check the whole descriptor before they change anything
// (step: when NET_GEN differs from the one it last checked); on a code other than OK no byte has
// changed, and errorAt() gives the address of the refused word (read it as a u32). Except
// ERR_NON_FINITE, which a run returns after all its steps (the state and the records have moved on).
export const OK = 0;
export const ERR_BAD_HEADER = 1; // magic or version wrong; trials < 1; a count, the step, the row, the capacity or the spins negative
export const ERR_BAD_STEPS = 2; // nSteps < 0, or step + nSteps would pass 2^31 - 1
export const ERR_RECORD_FULL = 3; // the record buffers cannot hold nSteps more rows
export const ERR_BAD_RECORD = 4; // unknown record kind; count < 0; a component not in the network, a field or variable it cannot record, an IDX2 out of range
export const ERR_BAD_KIND = 5; // unknown component kind, delivery, mode, method or flag bit; a descriptor size other than its kind's
export const ERR_BAD_THREADS = 6; // worker index or count out of range, or several workers without threads/barrier
export const ERR_BAD_POINTER = 7; // a region (pointer + its size) not 4-byte aligned or not inside [heapBase(), memory end)
export const ERR_OVERFLOW = 8; // a size that overflows 32-bit indexing: trials * n or capacity * count above 2^31 - 1
export const ERR_BAD_VALUE = 9; // a parameter that is NaN or outside its range (e.g. dt <= 0 or infinite, a probability above 1)
export const ERR_OVERLAP = 10; // an array the kernel writes overlaps the descriptors, a spike-train cursor or the barrier
export const ERR_BAD_TRAIN = 11; // spike-train offsets decreasing or negative, times not strictly increasing, or a cursor out of range
export const ERR_BAD_COUNT = 12; // a component with fewer than 1 unit
export const ERR_BAD_WIRING = 13; // PRE or POST not a component of this network of the right role and size, or a component listed twice
export const ERR_BAD_CONNECTIONS = 14; // sparse: row starts not from 0 or decreasing, a post index out of range, a delay not below the slots
export const ERR_NON_FINITE = 15; // a state value became NaN or infinite during the run (LIF: v, or the input it integrates); the call ran to its end: errorAt() is that value's address, errorStep() its step
