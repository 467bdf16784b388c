import App
import ArgumentParser

@main
struct Entry {
    static func main() async {
        await SwitchyardCommand.main(nil)
    }
}
