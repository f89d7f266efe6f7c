print("ptce-jury")
