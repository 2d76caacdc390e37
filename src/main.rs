// The allocator: Talc instead of the standard dlmalloc, smaller in the wasm and faster (the
// page is single-threaded: no atomics).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATEUR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    parcours::demarrer();
}
