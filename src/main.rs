fn main() {
    parcours::demarrer();
}
